import type { CredentialReportRow } from '@rampart/asset-model';

/** Values IMS writes where a date or flag does not apply. */
const NOT_APPLICABLE: ReadonlySet<string> = new Set(['', 'N/A', '-', 'LOGIN_DISABLED', 'no_information', 'not_supported']);

/**
 * RFC 4180 CSV into rows of cells. Hand-written because it is twenty lines and no CSV library is installed; the IMS
 * report is plain ASCII with an occasional quoted field.
 */
export function parseCsv(text: string): string[][] {
  // Reports without quoted fields (the usual case) split directly.
  if (!text.includes('"')) {
    return text.split(/\r?\n/).filter((line) => line !== '').map((line) => line.split(','));
  }
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export interface CredentialReport {
  root: CredentialReportRow | null;
  users: CredentialReportRow[];
}

/**
 * IMS GetCredentialReport's `Content`: base64 of a CSV whose header names the columns (user, user_creation_time,
 * user_last_logon, password_exist, password_active, password_last_changed, mfa_active, access_key_1_*, access_key_2_*,
 * additional_access_key_{1,2,3}_*). Returns a reason string when the content is not such a report.
 */
export function parseCredentialReport(content: string): CredentialReport | string {
  const compact = content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return 'Content is not base64';
  const rows = parseCsv(Buffer.from(compact, 'base64').toString('utf8'));
  if (rows.length === 0) return 'Content decodes to an empty report';
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const column = new Map(header.map((name, i) => [name, i]));
  if (!column.has('user')) return 'the decoded CSV has no "user" column';
  const cell = (row: string[], name: string): string | null => {
    const i = column.get(name);
    if (i === undefined || i >= row.length) return null;
    const v = row[i].trim();
    return NOT_APPLICABLE.has(v) ? null : v;
  };
  const flag = (row: string[], name: string): boolean | null => {
    const v = cell(row, name)?.toLowerCase();
    return v === 'true' ? true : v === 'false' ? false : null;
  };
  const keyPrefixes = ['access_key_1', 'access_key_2', 'additional_access_key_1', 'additional_access_key_2', 'additional_access_key_3'];

  const report: CredentialReport = { root: null, users: [] };
  for (const row of rows.slice(1)) {
    const user = row[column.get('user') ?? 0]?.trim() ?? '';
    if (user === '') continue;
    const accessKeys: CredentialReportRow['accessKeys'] = [];
    for (const prefix of keyPrefixes) {
      if (flag(row, `${prefix}_exist`) !== true) continue;
      accessKeys.push({
        active: flag(row, `${prefix}_active`) === true,
        lastRotated: cell(row, `${prefix}_last_rotated`),
        lastUsed: cell(row, `${prefix}_last_used`),
      });
    }
    const parsed: CredentialReportRow = {
      user,
      userCreationTime: cell(row, 'user_creation_time'),
      userLastLogon: cell(row, 'user_last_logon'),
      passwordExist: flag(row, 'password_exist'),
      passwordActive: flag(row, 'password_active'),
      passwordLastChanged: cell(row, 'password_last_changed'),
      mfaActive: flag(row, 'mfa_active'),
      accessKeys,
    };
    if (user === '<root>') report.root = parsed;
    else report.users.push(parsed);
  }
  return report;
}
