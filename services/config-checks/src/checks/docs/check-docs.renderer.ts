import type { CheckItem, StandardId } from '../model/check-item.definition';
import type { ParamSpec } from '../model/check-params.definition';

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function defaultText(spec: ParamSpec): string {
  const value = spec.default;
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return typeof value === 'string' ? (value === '' ? '""' : value) : String(value);
}

function paramsText(item: CheckItem): string {
  const entries = Object.entries(item.params);
  return entries.length === 0 ? '' : entries.map(([name, spec]) => `\`${name}\`=${defaultText(spec)}`).join('<br>');
}

function standardsText(item: CheckItem, standard: StandardId): string {
  return item.standards.filter((s) => s.standard === standard).map((s) => s.controlId).join(', ');
}

function countBy(items: readonly CheckItem[], key: (i: CheckItem) => string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) for (const k of key(item)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** docs/check-items.md: summary counts and one table row per check item (generated; a spec fails on drift). */
export function renderCheckDocs(catalogue: readonly CheckItem[]): string {
  const lines: string[] = [
    '# Config check items',
    '',
    '<!-- Generated from services/config-checks/src/checks/catalogue by tools/generate-check-docs.ts. Do not edit by hand. -->',
    '',
    `${catalogue.length} check items; ${catalogue.filter((i) => i.free).length} free; ${catalogue.filter((i) => i.fixable).length} with an automatic fix.`,
    '',
    '| Product | Items |',
    '|---|---|',
    ...countBy(catalogue, (i) => [i.product]).map(([p, n]) => `| ${p} | ${n} |`),
    '',
    '| Standard | Items | Controls covered |',
    '|---|---|---|',
    ...(['CIS_ALIBABA_2_0', 'MLPS_2_0_L3'] as const).map((std) => {
      const items = catalogue.filter((i) => i.standards.some((s) => s.standard === std));
      const controls = new Set(items.flatMap((i) => i.standards.filter((s) => s.standard === std).map((s) => s.controlId)));
      return `| ${std} | ${items.length} | ${controls.size} |`;
    }),
    '',
    'Statuses: PASS, FAIL, ERROR (data the import could not collect, never PASS), NOT_APPLICABLE.',
    '',
    '| ID | Title | Product | Resource type | Severity | Free | CIS Alibaba 2.0 | MLPS 2.0 L3 | Fix (writes) | Parameters (defaults) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const item of catalogue) {
    lines.push(
      `| \`${item.id}\` | ${escape(item.title)} | ${item.product} | ${item.resourceType} | ${item.severity} | ${item.free ? 'free' : 'paid'} | ` +
        `${standardsText(item, 'CIS_ALIBABA_2_0')} | ${standardsText(item, 'MLPS_2_0_L3')} | ` +
        `${item.fix === null ? '' : item.fix.writeActions.join('<br>')} | ${paramsText(item)} |`,
    );
  }
  return lines.join('\n') + '\n';
}
