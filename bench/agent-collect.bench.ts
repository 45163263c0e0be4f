// Agent collection time on this machine (target ≤ 5 s without the dictionary test) and the dictionary test speed per
// yescrypt and sha512crypt hash. Run: SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/agent-collect.bench.ts
import * as os from 'node:os';
import { COLLECTORS, collectHostFacts } from '../agent/src/collect/host-facts.collector';
import { testAccountPasswords } from '../agent/src/weak-password/account-password.tester';
import { Libcrypt } from '../agent/src/weak-password/libcrypt.binding';
import { loadDictionary } from '../agent/src/weak-password/password-dictionary';

async function main(): Promise<void> {
  process.stdout.write(`host: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = Date.now();
    const facts = await collectHostFacts({ skipPasswordTest: true });
    runs.push(Date.now() - started);
    if (i === 0) {
      const errors = Object.entries(facts).filter(([, f]) => typeof f === 'object' && f !== null && 'status' in f && f.status === 'error');
      process.stdout.write(`facts: ${JSON.stringify(facts).length} bytes JSON, ${errors.length} collector errors\n`);
    }
  }
  process.stdout.write(`collect (no dictionary): ${runs.map((r) => `${r} ms`).join(', ')} — target ≤ 5000 ms: ${Math.min(...runs) <= 5000 ? 'met' : 'MISSED'}\n`);
  const perCollector: string[] = [];
  for (const collector of COLLECTORS) {
    const started = Date.now();
    await collectHostFacts({ skipPasswordTest: true, only: [collector.name] });
    perCollector.push(`${collector.name} ${Date.now() - started}`);
  }
  process.stdout.write(`per collector (ms, incl. dpkg status and accounts read by every run): ${perCollector.join(', ')}\n`);

  const libcrypt = Libcrypt.load();
  const { words } = loadDictionary();
  for (const [prefix, label] of [['$y$', 'yescrypt'], ['$6$', 'sha512crypt']] as const) {
    const hash = libcrypt.hash('not-in-the-dictionary-9f2c', prefix);
    const n = prefix === '$y$' ? 40 : 200;
    const work = Libcrypt.workArea();
    let started = process.hrtime.bigint();
    for (let i = 0; i < n; i++) libcrypt.crypt(`candidate${i}`, hash, work);
    const single = Number(process.hrtime.bigint() - started) / 1e6 / n;
    started = process.hrtime.bigint();
    const [verdict] = await testAccountPasswords(libcrypt, new Map([['bench', hash]]), { words, hostname: 'bench', deadline: Date.now() + 300_000 });
    const whole = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`${label}: ${single.toFixed(1)} ms per hash on one thread; full dictionary (${verdict.candidatesTried} candidates, ${Math.min(4, os.availableParallelism())} lanes) ${(whole / 1000).toFixed(1)} s = ${(whole / verdict.candidatesTried).toFixed(1)} ms per candidate\n`);
  }
}

void main();
