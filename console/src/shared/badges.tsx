const SEVERITY_CLASS: Record<string, string> = { HIGH: 'sev-high', MEDIUM: 'sev-medium', LOW: 'sev-low' };
const STATUS_CLASS: Record<string, string> = {
  FAIL: 'st-fail',
  PASS: 'st-pass',
  ERROR: 'st-error',
  WHITELISTED: 'st-muted',
  NOT_APPLICABLE: 'st-muted',
  MANUAL: 'st-muted',
};
const RISK_CLASS: Record<string, string> = { SERIOUS: 'sev-high', SUSPICIOUS: 'sev-medium', REMIND: 'sev-low' };

const words = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge ${SEVERITY_CLASS[severity] ?? 'st-muted'}`}>{words(severity)}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${STATUS_CLASS[status] ?? 'st-muted'}`}>{words(status)}</span>;
}

export function RiskBadge({ level }: { level: string }) {
  return <span className={`badge ${RISK_CLASS[level] ?? 'st-muted'}`}>{words(level)}</span>;
}
