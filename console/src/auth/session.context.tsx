import { createContext, useContext } from 'react';
import type { BillingAccount, Entitlements } from '../api/types';

export interface Session {
  token: string;
  tenant: string;
  roles: string[];
  account: BillingAccount | null;
  entitlements: Entitlements | null;
  refreshAccount(): void;
  signOut(reason?: string): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}
