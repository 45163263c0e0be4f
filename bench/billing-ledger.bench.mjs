// Runs bench/billing-ledger.bench.ts with plain node: TypeScript compiled on load by @swc/core.
//   node bench/billing-ledger.bench.mjs
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('../services/billing/test/support/register-typescript.cjs');
require('./billing-ledger.bench.ts');
