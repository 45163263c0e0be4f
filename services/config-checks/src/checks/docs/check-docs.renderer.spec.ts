import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHECK_CATALOGUE } from '../catalogue/check-catalogue.registry';
import { renderCheckDocs } from './check-docs.renderer';

describe('docs/check-items.md', () => {
  it('matches the catalogue (regenerate with: node -r ./bench/evaluate-checks.register.cjs tools/generate-check-docs.ts)', () => {
    const committed = readFileSync(resolve(__dirname, '../../../../../docs/check-items.md'), 'utf8');
    expect(committed).toBe(renderCheckDocs(CHECK_CATALOGUE));
  });

  it('has one table row per check item', () => {
    const rows = renderCheckDocs(CHECK_CATALOGUE).split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(CHECK_CATALOGUE.length);
  });
});
