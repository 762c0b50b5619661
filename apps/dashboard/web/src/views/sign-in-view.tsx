import { useState, type FormEvent } from 'react';
import { usePageTitle } from '../components/page-title';
import { signIn, type Session } from '../session/session';

export function SignInView({ notice, onSignedIn }: { notice: string | null; onSignedIn(session: Session): void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  usePageTitle('Sign in');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const session = signIn(token);
    if (session) onSignedIn(session);
    else setError('That is neither an offramp sign-in link nor a token. Paste the whole link printed at start (or the token from `npm run cli -- token`).');
  };
  return (
    <main className="sign-in" id="main">
      <h1>offramp</h1>
      <p>Open the sign-in link you were given, or paste it (or a token) here.</p>
      {notice && <p role="status" className="note">{notice}</p>}
      <form onSubmit={submit}>
        <label htmlFor="token">Sign-in link or token</label>
        <textarea id="token" value={token} onChange={(e) => setToken(e.target.value)} rows={4} required aria-describedby={error ? 'token-error' : undefined} />
        {error && <p id="token-error" role="alert" className="error">{error}</p>}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
