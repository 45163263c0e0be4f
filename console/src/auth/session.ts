const TOKEN_KEY = 'rampart.token';
const FRAGMENT_TOKEN = /^#token=([A-Za-z0-9._~+/=-]+)$/;

/**
 * The token to start with: one handed over in the URL fragment (the link `npm start` prints; a fragment never
 * reaches a server), which is then removed from the address bar, else the one kept for this browser tab.
 */
export function takeInitialToken(location: Location, history: History, storage: Storage): string | null {
  const handed = FRAGMENT_TOKEN.exec(location.hash);
  if (handed) {
    storage.setItem(TOKEN_KEY, handed[1]);
    history.replaceState(null, '', `${location.pathname}${location.search}#/overview`);
    return handed[1];
  }
  return storage.getItem(TOKEN_KEY);
}

export function keepToken(storage: Storage, token: string): void {
  storage.setItem(TOKEN_KEY, token);
}

export function forgetToken(storage: Storage): void {
  storage.removeItem(TOKEN_KEY);
}

export interface TokenClaims {
  tenant?: string;
  subject?: string;
  roles: string[];
  expiresAt?: Date;
}

/** What the console shows about the signed-in user; the gateway, not this, decides what the token may do. */
export function readClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { tid?: unknown; sub?: unknown; roles?: unknown; exp?: unknown };
    return {
      tenant: typeof claims.tid === 'string' ? claims.tid : undefined,
      subject: typeof claims.sub === 'string' ? claims.sub : undefined,
      roles: Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [],
      expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined,
    };
  } catch {
    return null;
  }
}
