import { useCallback, useState } from 'react';
import { forgetToken, keepToken, readClaims, takeInitialToken } from './auth/session';
import { SignInPage } from './auth/sign-in.page';
import { Shell } from './shell/shell';

export function App() {
  const [token, setToken] = useState<string | null>(() => takeInitialToken(window.location, window.history, window.sessionStorage));
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = useCallback((value: string) => {
    keepToken(window.sessionStorage, value);
    setNotice(null);
    setToken(value);
    if (!window.location.hash.startsWith('#/')) window.location.hash = '#/overview';
  }, []);
  const signOut = useCallback((reason?: string) => {
    forgetToken(window.sessionStorage);
    setNotice(reason ?? null);
    setToken(null);
  }, []);

  const claims = token ? readClaims(token) : null;
  if (!token) return <SignInPage onSignIn={signIn} notice={notice} />;
  return <Shell token={token} tenant={claims?.tenant ?? 'API key'} roles={claims?.roles ?? []} signOut={signOut} />;
}
