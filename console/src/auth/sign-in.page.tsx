import { useState, type FormEvent } from 'react';
import { graphqlRequest, GraphQLRequestError } from '../api/graphql.client';

const PROBE = 'query SignInProbe { billingAccount { edition } }';

export function SignInPage({ onSignIn, notice }: { onSignIn(token: string): void; notice: string | null }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim().replace(/^Bearer\s+/i, '');
    if (!value) return setError('Paste a token first.');
    setChecking(true);
    setError(null);
    try {
      await graphqlRequest(value, PROBE);
      onSignIn(value);
    } catch (failure) {
      setError(failure instanceof GraphQLRequestError && failure.code === 'UNAUTHENTICATED' ? 'This token is not valid or has expired.' : String((failure as Error).message));
    } finally {
      setChecking(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">R</span> Rampart
        </div>
        <h1 id="sign-in-title">Sign in to the console</h1>
        <p className="muted">Use a token from your identity provider or <code>npx rampart token</code>.</p>
        {notice ? <p className="notice notice-info" role="status">{notice}</p> : null}
        <label htmlFor="token">Access token</label>
        <textarea
          id="token"
          name="token"
          rows={4}
          spellCheck={false}
          autoComplete="off"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'token-error' : 'token-hint'}
        />
        <p id="token-hint" className="hint">
          Running <code>npm start</code>? Open the <em>Console</em> link it prints: it signs you in to the demo tenant.
        </p>
        {error ? (
          <p id="token-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button primary" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
