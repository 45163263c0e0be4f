import type { ConfigSetting } from '@rampart/host-facts';

export interface ConfigLine {
  readonly line: number;
  readonly text: string;
}

/** Lines without comments and blanks, with `\` continuations joined; `commentChars` start a comment at line start. */
export function activeLines(text: string, commentChars = '#'): ConfigLine[] {
  const result: ConfigLine[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    let current = raw[i];
    const start = i + 1;
    while (current.endsWith('\\') && i + 1 < raw.length) {
      current = current.slice(0, -1) + ' ' + raw[++i];
    }
    const trimmed = current.trim();
    if (trimmed === '' || commentChars.includes(trimmed[0])) continue;
    result.push({ line: start, text: trimmed });
  }
  return result;
}

/**
 * `key value` or `key = value` settings (login.defs, pwquality.conf, faillock.conf, auditd.conf, journald.conf,
 * postgresql.conf). Later assignments win; a bare word is a flag with value ''. Values lose surrounding quotes and
 * trailing comments (` #`).
 */
export function parseKeyValues(
  text: string,
  file: string,
  into: Record<string, ConfigSetting> = {},
  options: { lowerCaseKeys?: boolean; stripInlineComments?: boolean } = {},
): Record<string, ConfigSetting> {
  for (const { line, text: entry } of activeLines(text)) {
    if (entry.startsWith('[')) continue; // ini section headers (journald.conf [Journal])
    const match = /^([A-Za-z0-9_.\-/]+)\s*(?:=\s*|\s+)?(.*)$/.exec(entry);
    if (match === null) continue;
    const key = options.lowerCaseKeys ? match[1].toLowerCase() : match[1];
    let value = match[2] ?? '';
    if (options.stripInlineComments !== false) value = value.replace(/\s+#.*$/, '');
    value = value.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
    into[key] = { key, value, source: `${file}:${line}` };
  }
  return into;
}

/** Numeric value of a setting, or null. */
export const settingNumber = (setting: ConfigSetting | undefined): number | null => {
  if (setting === undefined || setting.value === '') return null;
  const n = Number(setting.value);
  return Number.isFinite(n) ? n : null;
};
