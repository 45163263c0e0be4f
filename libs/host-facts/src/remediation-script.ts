/**
 * A remediation is a list of structured steps the agent executes itself (no shell), after backing up every file it
 * touches; it is also rendered as a shell script for review. `expect` is checked on facts re-collected afterwards:
 * when one fails, the agent restores the backup.
 */
export type RemediationStep =
  /** Set `key<separator>value` on the first active line for key (before `stopAt`), else insert it (top or bottom). */
  | {
      readonly kind: 'set-key-in-file';
      readonly path: string;
      readonly key: string;
      readonly value: string;
      readonly separator: ' ' | '=' | ' = ' | '\t';
      readonly caseInsensitive?: boolean;
      readonly insertAt?: 'top' | 'bottom';
      /** Regex source of a line after which the key must not be looked for nor placed (e.g. `^\s*Match\s`). */
      readonly stopAt?: string;
      readonly createMode?: number;
    }
  /** Append `line` unless an identical line exists. */
  | { readonly kind: 'append-line'; readonly path: string; readonly line: string; readonly createMode?: number }
  /** Insert `line` before the first line matching `before` (or after the last matching `after`), unless present. */
  | { readonly kind: 'insert-line'; readonly path: string; readonly line: string; readonly before?: string; readonly after?: string }
  /** Remove every line matching the regex source `pattern`. */
  | { readonly kind: 'remove-line'; readonly path: string; readonly pattern: string }
  /** Remove the whitespace-separated `word` from lines matching `linePattern`. */
  | { readonly kind: 'remove-word'; readonly path: string; readonly linePattern: string; readonly word: string }
  | { readonly kind: 'write-file'; readonly path: string; readonly content: string; readonly mode: number }
  | { readonly kind: 'chmod'; readonly path: string; readonly mode: number }
  | { readonly kind: 'chown'; readonly path: string; readonly owner: string; readonly group: string }
  /** Persist `key = value` in `file` (a sysctl.d file) and, on a live host, write /proc/sys. */
  | { readonly kind: 'sysctl-set'; readonly key: string; readonly value: string; readonly file: string }
  /** Edit one field of /etc/passwd (shell) or /etc/shadow (ages) for an account. */
  | {
      readonly kind: 'set-account-field';
      readonly account: string;
      readonly field: 'shell' | 'lastChangeDays' | 'minDays' | 'maxDays' | 'warnDays' | 'inactiveDays';
      readonly value: string;
    }
  /** Prefix the shadow hash with `!` (passwd -l); an empty field becomes `!`. */
  | { readonly kind: 'lock-account'; readonly account: string }
  /** Remove the unit's .wants/.requires links (systemctl disable); on a live systemd host also stop it. */
  | { readonly kind: 'disable-unit'; readonly unit: string }
  /** Run an allow-listed command on a live host (validation or reload); skipped under --root. */
  | { readonly kind: 'run'; readonly argv: readonly string[]; readonly purpose: 'validate' | 'reload' };

export type RemediationStepKind = RemediationStep['kind'];

/** A check on re-collected facts; `path` walks HostFacts (fact wrappers are unwrapped), e.g.
 * `ssh.settings.permitrootlogin[0]` or `accounts.users[name=alice].shadow.lastChangeDays`. */
export interface FactExpectation {
  readonly path: string;
  readonly op: 'equals' | 'not-equals' | 'in' | 'lte' | 'gte' | 'absent' | 'present' | 'includes' | 'excludes';
  readonly value?: string | number | boolean | readonly (string | number)[];
  readonly description: string;
}

export interface RemediationScript {
  readonly format: 'rampart-remediation/v1';
  readonly taskId: string;
  readonly itemId: string;
  readonly title: string;
  readonly steps: readonly RemediationStep[];
  readonly expect: readonly FactExpectation[];
}
