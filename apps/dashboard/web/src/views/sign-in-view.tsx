import { useState, type FormEvent } from 'react';
import { signIn, type Session } from '../session/session';

export function SignInView({ notice, onSignedIn }: { notice: string | null; onSignedIn(session: Session): void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const session = signIn(token);
    if (session) onSignedIn(session);
    else setError('That is not a valid offramp token. Use the sign-in link printed at start, or `npm run cli -- token`.');
  };
  return (
    <main className="sign-in" id="main">
      <h1>offramp</h1>
      <p>Sign in with your team’s token to see your client relationships.</p>
      {notice && <p role="status" className="note">{notice}</p>}
      <form onSubmit={submit}>
        <label htmlFor="token">Bearer token</label>
        <textarea id="token" value={token} onChange={(e) => setToken(e.target.value)} rows={4} required aria-describedby={error ? 'token-error' : undefined} />
        {error && <p id="token-error" role="alert" className="error">{error}</p>}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
