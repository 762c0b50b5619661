// Which GET requests the page answers: everything that is not the API or an operations route, so a
// deep link (`/relationships/acme`) loads the page and the page's router takes over.
const RESERVED = ['/v1', '/health', '/ready', '/metrics', '/docs', '/openapi.json'];

export function isPageRoute(urlPath: string): boolean {
  return !RESERVED.some((prefix) => urlPath === prefix || urlPath.startsWith(`${prefix}/`) || (prefix === '/docs' && urlPath.startsWith('/docs')));
}
