// Baseline evaluation throughput: 10,000 hosts' facts against the whole catalogue (plus a 5,000-advisory feed for the
// missing-patch item), on one worker thread (or N: the second argument). Target ≤ 10 s.
// Run: SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/baseline-evaluate.bench.ts [hosts] [workers]
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { HostFacts, InstalledPackage } from '@rampart/host-facts';
import { collected } from '@rampart/host-facts';
import { evaluateHost } from '../services/baseline-checks/src/catalogue/baseline-evaluator';
import { fullCataloguePolicy } from '../services/baseline-checks/src/catalogue/baseline-policy';
import { hardenedHostFacts } from '../services/baseline-checks/src/catalogue/hardened-host.fixture';
import { VulnerabilityIndex, type VulnerabilityAdvisory } from '../services/baseline-checks/src/patches/vulnerability-advisory';

const HOSTS = Number(process.argv[2] ?? 10_000);
const WORKERS = Number(process.argv[3] ?? 1);
/** A deterministic choice for host n (the same in every worker split). */
const pick = <T>(items: readonly T[], n: number, salt: number): T => items[((n * 2654435761 + salt * 40503) >>> 0) % items.length];

// 40 distinct images of ~450 binary packages from 225 source packages; images differ in their update level (+deb12uN)
const upstream = (source: number): string => `${1 + (source % 7)}.${source % 20}.${source % 3}`;
const inventories: InstalledPackage[][] = Array.from({ length: 40 }, (_, image) =>
  Array.from({ length: 450 }, (_, i) => {
    const source = Math.floor(i / 2);
    const version = `${upstream(source)}-1+deb12u${image % 6}`;
    return { name: `pkg${i}`, version, architecture: 'amd64', sourceName: `src${source}`, sourceVersion: version, status: 'install ok installed' };
  }),
);
// A Debian-sized feed: 5,000 advisories over 1,500 source packages; most are fixed in versions every image already has,
// one in 30 is fixed in a newer update than any image (about 25 missing patches per host).
const advisories: VulnerabilityAdvisory[] = Array.from({ length: 5000 }, (_, i) => {
  const source = i % 1500;
  return {
    id: `DSA-${5000 + i}-1`,
    aliases: [`CVE-2024-${10000 + i}`],
    feed: 'osv',
    sourcePackage: `src${source}`,
    ranges: [{ introduced: null, fixed: i % 30 === 0 ? `${upstream(source)}-1+deb12u7` : `${upstream(source)}-0+deb12u${i % 4}` }],
    versions: [],
    severity: null,
    summary: null,
    published: null,
  };
});
const index = new VulnerabilityIndex(advisories);

function hostFacts(n: number): HostFacts {
  const base = hardenedHostFacts();
  const ssh = base.ssh.status === 'collected' ? base.ssh.value : null;
  const sysctl = base.sysctlRuntime.status === 'collected' ? base.sysctlRuntime.value : {};
  const accounts = base.accounts.status === 'collected' ? base.accounts.value : null;
  if (ssh === null || accounts === null) throw new Error('fixture');
  const users = [...accounts.users, ...Array.from({ length: 5 + (n % 40) }, (_, i) => ({ ...accounts.users[2], name: `user${i}`, uid: 1001 + i }))];
  return {
    ...base,
    hostname: `host-${n}`,
    accounts: collected({ ...accounts, users }),
    ssh: collected({ ...ssh, settings: { ...ssh.settings, permitrootlogin: [pick(['no', 'yes', 'prohibit-password'], n, 1)], maxauthtries: [String(3 + (n % 5))] } }),
    sysctlRuntime: collected({ ...sysctl, 'net.ipv4.ip_forward': pick(['0', '1'], n, 2) }),
    container: collected({ inContainer: n % 10 === 0, runtime: n % 10 === 0 ? 'docker' : null, evidence: [] }),
    packages: collected(inventories[n % inventories.length]),
  };
}

interface Slice {
  readonly from: number;
  readonly to: number;
}
interface SliceResult {
  readonly results: number;
  readonly failures: number;
  readonly cpuSeconds: number;
}

/** Builds its slice of hosts, waits for the start signal, evaluates them all and reports. */
function runSlice({ from, to }: Slice, ready: () => Promise<void>): Promise<SliceResult> {
  const hosts = Array.from({ length: to - from }, (_, i) => hostFacts(from + i));
  const policy = fullCataloguePolicy();
  return ready().then(() => {
    const cpuBefore = process.cpuUsage();
    let failures = 0;
    let results = 0;
    for (const facts of hosts) {
      const evaluation = evaluateHost(facts, policy, { now: new Date(), vulnerabilities: index });
      results += evaluation.results.length;
      for (const r of evaluation.results) if (r.status === 'FAIL') failures++;
    }
    const cpu = process.cpuUsage(cpuBefore);
    return { results, failures, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  });
}

if (!isMainThread) {
  const port = parentPort;
  if (port === null) throw new Error('no parent port');
  void runSlice(workerData as Slice, () => new Promise((resolve) => { port.postMessage('ready'); port.once('message', () => resolve()); })).then((result) => port.postMessage(result));
} else {
  void (async () => {
    const size = Math.ceil(HOSTS / WORKERS);
    const built = Date.now();
    const workers = Array.from({ length: WORKERS }, (_, w) => new Worker(__filename, { workerData: { from: w * size, to: Math.min(HOSTS, (w + 1) * size) } satisfies Slice }));
    await Promise.all(workers.map((worker) => new Promise<void>((resolve) => worker.once('message', () => resolve()))));
    process.stdout.write(`built ${HOSTS} hosts' facts in ${WORKERS} worker(s) in ${Date.now() - built} ms; catalogue ${fullCataloguePolicy().items.length} items; feed ${index.size} advisories\n`);
    const started = process.hrtime.bigint();
    const done = workers.map((worker) => new Promise<SliceResult>((resolve) => worker.once('message', (result: SliceResult) => resolve(result))));
    for (const worker of workers) worker.postMessage('go');
    const slices = await Promise.all(done);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await Promise.all(workers.map((worker) => worker.terminate()));
    const results = slices.reduce((n, s) => n + s.results, 0);
    const failures = slices.reduce((n, s) => n + s.failures, 0);
    const cpuSeconds = slices.reduce((n, s) => n + s.cpuSeconds, 0);
    process.stdout.write(`evaluated ${HOSTS} hosts × ${fullCataloguePolicy().items.length} items = ${results} results (${failures} FAIL) on ${WORKERS} worker(s) in ${seconds.toFixed(2)} s — ${(HOSTS / seconds).toFixed(0)} hosts/s; target ≤ 10 s: ${seconds <= 10 ? 'met' : 'MISSED'}\n`);
    process.stdout.write(`CPU time ${cpuSeconds.toFixed(2)} s in total (${((cpuSeconds * 1e6) / HOSTS).toFixed(0)} µs per host on one core); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores\n`);
  })();
}
