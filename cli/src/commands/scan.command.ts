import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { gatewayOptionsOf, gatewayRequest, type GatewayOptions } from '../gateway/graphql.client';

interface ScanTask {
  id: string;
  kind: string;
  status: string;
  total: number;
  completed: number;
  failed: number;
  quotaConsumed: number;
}

const TASK_FIELDS = 'id kind status total completed failed quotaConsumed';
const START = `mutation ($input: StartScanInput!) { startScan(input: $input) { ${TASK_FIELDS} } }`;
const TASK = `query ($id: ID!) { scanTask(id: $id) { ${TASK_FIELDS} } }`;
const RUNNING = new Set(['QUEUED', 'RUNNING']);
const POLL_MS = 500;

const describe = (task: ScanTask) =>
  `${task.id} ${task.status}: ${task.completed}/${task.total} evaluated, ${task.failed} failing, ${task.quotaConsumed} quota units`;

/** Polls scanTask until it leaves QUEUED/RUNNING, drawing a progress bar on stderr. */
async function waitFor(options: GatewayOptions, task: ScanTask): Promise<ScanTask> {
  const bar = new SingleBar({ format: 'scan [{bar}] {value}/{total} | {status}', stream: process.stderr }, Presets.shades_classic);
  bar.start(Math.max(task.total, 1), task.completed, { status: task.status });
  let current = task;
  try {
    while (RUNNING.has(current.status)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const { scanTask } = await gatewayRequest<{ scanTask: ScanTask | null }>(options, TASK, { id: task.id });
      if (!scanTask) throw new Error(`scan ${task.id} not found`);
      current = scanTask;
      bar.setTotal(Math.max(current.total, 1));
      bar.update(current.completed, { status: current.status });
    }
  } finally {
    bar.stop();
  }
  return current;
}

export function scanCommand(): Command {
  return new Command('scan')
    .description('start a configuration check scan of the inventory')
    .option('--checks <ids>', 'comma-separated check item ids (default: the whole catalogue)', (value) =>
      value.split(',').map((id) => id.trim()).filter(Boolean),
    )
    .option('--standard <standard>', 'only items of this standard, e.g. CIS_ALIBABA_2_0')
    .option('--idempotency-key <key>', 'the same key names the same scan')
    .option('--wait', 'wait for the scan to finish, showing progress')
    .action(async (options: { checks?: string[]; standard?: string; idempotencyKey?: string; wait?: boolean }, command: Command) => {
      const gateway = gatewayOptionsOf(command);
      const input = { checkItemIds: options.checks, standard: options.standard, idempotencyKey: options.idempotencyKey };
      const { startScan } = await gatewayRequest<{ startScan: ScanTask }>(gateway, START, { input });
      const task = options.wait ? await waitFor(gateway, startScan) : startScan;
      process.stdout.write(`${describe(task)}\n`);
      if (task.status === 'FAILED' || task.status === 'CANCELLED') process.exitCode = 1;
    });
}
