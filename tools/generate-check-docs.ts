// Regenerates docs/check-items.md from the check catalogue.
// Run: node -r ./bench/evaluate-checks.register.cjs tools/generate-check-docs.ts
// The spec services/config-checks/src/checks/docs/check-docs.renderer.spec.ts fails when the committed file drifts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_CATALOGUE, renderCheckDocs } from '../services/config-checks/src/checks';

const target = join(__dirname, '..', 'docs', 'check-items.md');
writeFileSync(target, renderCheckDocs(CHECK_CATALOGUE));
process.stdout.write(`wrote ${target} (${CHECK_CATALOGUE.length} check items)\n`);
