import { useSession } from '../auth/session.context';

const EDITION_NAMES: Record<string, string> = {
  BASIC: 'Basic',
  ANTI_VIRUS: 'Anti-virus',
  ADVANCED: 'Advanced',
  ENTERPRISE: 'Enterprise',
  ULTIMATE: 'Ultimate',
  VALUE_ADDED: 'Value-added',
};

export function editionName(edition: string): string {
  return EDITION_NAMES[edition] ?? edition;
}

/** Remaining quota as text: pay-as-you-go has no limit (remaining null). */
export function remainingText(remaining: number | null, model: string): string {
  if (remaining === null) return model === 'PAY_AS_YOU_GO' ? 'Unlimited (pay-as-you-go)' : 'Unlimited';
  return `${remaining.toLocaleString('en')} units left`;
}

export function QuotaMeter() {
  const { account } = useSession();
  if (!account) return null;
  return (
    <div className="quota" aria-label="Edition and quota">
      <span className="edition">{editionName(account.edition)}</span>
      <span className="muted-inverse">{remainingText(account.quota.remaining, account.model)}</span>
    </div>
  );
}
