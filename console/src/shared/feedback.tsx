import type { GraphQLRequestError } from '../api/graphql.client';

const EXPLAINED: Record<string, string> = {
  FORBIDDEN: 'Your role does not allow this.',
  EDITION_NOT_ENTITLED: 'Your edition does not include this feature.',
  QUOTA_EXHAUSTED: 'The quota is used up: buy more quota or switch to pay-as-you-go.',
  NETWORK_ERROR: 'The gateway cannot be reached.',
};

export function ErrorNotice({ error, title }: { error: GraphQLRequestError | { message: string; code?: string }; title?: string }) {
  const explained = error.code ? EXPLAINED[error.code] : undefined;
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title ?? explained ?? 'Something went wrong'}</strong>
      <span>
        {error.message}
        {error.code ? <code className="code-tag">{error.code}</code> : null}
      </span>
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="json" aria-label={label} tabIndex={0}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
