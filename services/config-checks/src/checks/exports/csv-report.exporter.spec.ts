import { CSV_COLUMNS, toCsv } from './csv-report.exporter';
import { exportFixture } from '../testing/export-input.fixtures';

/** A strict RFC 4180 reader, to prove the output round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  return rows;
}

describe('CSV export', () => {
  const input = exportFixture();
  const rows = parseCsv(toCsv(input));

  it('has a header and one row per result with every column', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.length).toBe(input.results.length + 1);
    for (const r of rows) expect(r.length).toBe(CSV_COLUMNS.length);
  });

  it('round-trips quotes, commas and JSON evidence', () => {
    const ssh = rows.find((r) => r[0] === 'ecs-sg-open-ssh' && r[5] === 'FAIL');
    expect(JSON.parse(ssh?.[13] ?? '')).toMatchObject({ exposures: [{ rule: { description: 'ops, "temporary"' } }] });
    expect(ssh?.[11]).toBe('CIS_ALIBABA_2_0:4.3 CIS_ALIBABA_2_0:3.2 MLPS_2_0_L3:8.1.3.2a MLPS_2_0_L3:8.1.4.4c');
  });

  it('neutralises spreadsheet formulas in cells', () => {
    const bucket = rows.find((r) => r[9] === '=cmd|calc');
    expect(bucket).toBeUndefined();
    expect(rows.some((r) => r[9] === "'=cmd|calc")).toBe(true);
  });
});
