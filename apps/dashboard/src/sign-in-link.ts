// The link printed at start: the token rides in the fragment, which browsers never send to a server,
// and the page moves it into sessionStorage and clears the address bar.
export function signInLink(baseUrl: string, token: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return `${base}#token=${encodeURIComponent(token)}`;
}
