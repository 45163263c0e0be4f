import { Command, InvalidArgumentError } from 'commander';
import { gatewayOptionsOf, gatewayRequest, type GatewayOptions } from '../gateway/graphql.client';

const FORMATS = ['table', 'json', 'csv', 'sarif', 'ocsf'] as const;
type Format = (typeof FORMATS)[number];
const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'];

const REPORT = `query ($format: String!, $failOn: String, $filter: CheckResultFilter) {
  checkResultsReport(format: $format, failOn: $failOn, filter: $filter) { content exitCode resultCount }
}`;
const PAGE = `query ($filter: CheckResultFilter, $after: String) {
  checkResults(filter: $filter, first: 500, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { status reason checkItem { id severity } asset { id } } }
  }
}`;

interface Row {
  status: string;
  reason: string;
  checkItem: { id: string; severity: string } | null;
  asset: { id: string };
}

interface ResultsPage {
  checkResults: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Row }> };
}

async function allRows(options: GatewayOptions, filter: Record<string, unknown>): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (;;) {
    const page: ResultsPage = await gatewayRequest<ResultsPage>(options, PAGE, { filter, after });
    const { checkResults } = page;
    rows.push(...checkResults.edges.map((edge) => edge.node));
    if (!checkResults.pageInfo.hasNextPage) return rows;
    after = checkResults.pageInfo.endCursor;
  }
}

function table(rows: Row[]): string {
  const lines = rows.map((r) => [r.status, r.checkItem?.severity ?? '', r.checkItem?.id ?? '', r.asset.id, r.reason]);
  const header = ['STATUS', 'SEVERITY', 'CHECK', 'ASSET', 'REASON'];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...lines.map((l) => l[i].length))));
  const format = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]))).join('  ');
  return [format(header), ...lines.map(format)].join('\n');
}

export function resultsCommand(): Command {
  return new Command('results')
    .description('print configuration check results; exits non-zero when failing results at or above --fail-on exist')
    .option('--format <format>', `one of ${FORMATS.join(', ')}`, (value) => {
      if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`format must be one of ${FORMATS.join(', ')}`);
      return value as Format;
    }, 'table' as Format)
    .option('--fail-on <severity>', 'CI gate threshold: HIGH, MEDIUM or LOW', (value) => {
      const severity = value.toUpperCase();
      if (!SEVERITIES.includes(severity)) throw new InvalidArgumentError('fail-on must be HIGH, MEDIUM or LOW');
      return severity;
    })
    .option('--scan <id>', 'only results of this scan')
    .action(async (options: { format: Format; failOn?: string; scan?: string }, command: Command) => {
      const gateway = gatewayOptionsOf(command);
      const filter = options.scan ? { scanId: options.scan } : {};
      // The service renders the documents and computes the gate with the catalogue it owns.
      const report = await gatewayRequest<{ checkResultsReport: { content: string; exitCode: number; resultCount: number } }>(gateway, REPORT, {
        format: options.format === 'table' ? 'json' : options.format,
        failOn: options.failOn ?? 'LOW',
        filter,
      });
      const content = options.format === 'table' ? table(await allRows(gateway, filter)) : report.checkResultsReport.content;
      process.stdout.write(`${content}\n`);
      if (options.failOn) process.exitCode = report.checkResultsReport.exitCode;
    });
}
