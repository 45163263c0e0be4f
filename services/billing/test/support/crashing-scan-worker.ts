// A config-checks batch worker as a separate process (forked by worker-crash.spec.ts): reserve,
// evaluate the granted prefix, post the paid evaluations. It keeps its progress in a state file
// (its "database") and stops dead at `crashAt`, where the parent SIGKILLs it.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import { QuotaClient } from './quota-client';

export type WorkerStage = 'reserved' | 'evaluated' | 'post-replied';

export interface WorkerJob {
  natsUrl: string;
  subjectPrefix: string;
  tenantId: string;
  taskId: string;
  reservationId: string;
  checkItemId: string;
  assetIds: string[];
  stateFile: string;
  crashAt?: WorkerStage;
}

export type WorkerReport =
  | { stage: WorkerStage; granted: number }
  | { stage: 'done'; granted: number; posted: number; released: number }
  | { stage: 'failed'; error: string };

interface WorkerState {
  evaluated?: Array<{ checkItemId: string; assetId: string }>;
  posted?: { posted: number; released: number };
}

function load(file: string): WorkerState {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as WorkerState) : {};
}

function save(file: string, state: WorkerState): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file); // atomic: a kill leaves the old or the new state, never half
}

function report(message: WorkerReport): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

async function checkpoint(job: WorkerJob, stage: WorkerStage, granted: number): Promise<void> {
  await report({ stage, granted });
  if (job.crashAt === stage) await new Promise(() => undefined); // wait here for SIGKILL
}

async function run(job: WorkerJob): Promise<void> {
  const state = load(job.stateFile);
  const nats = await connect({ servers: job.natsUrl });
  const quota = new QuotaClient(nats, job.subjectPrefix, 5_000, 5);
  const reservation = await quota.reserve({
    id: job.reservationId,
    tenantId: job.tenantId,
    units: BigInt(job.assetIds.length),
    operation: 'SCAN',
    taskId: job.taskId,
    timeoutSeconds: 600,
  });
  if (reservation.errorCode) throw new Error(`${reservation.errorCode}: ${reservation.errorMessage}`);
  const granted = Number(reservation.granted);
  await checkpoint(job, 'reserved', granted);

  if (!state.evaluated) {
    // The granted prefix is evaluated and its results committed (here: the state file).
    state.evaluated = job.assetIds.slice(0, granted).map((assetId) => ({ checkItemId: job.checkItemId, assetId }));
    save(job.stateFile, state);
  }
  await checkpoint(job, 'evaluated', granted);

  if (!state.posted) {
    const posted = await quota.post({
      reservationId: job.reservationId,
      tenantId: job.tenantId,
      units: BigInt(state.evaluated.length),
      usage: state.evaluated,
    });
    if (posted.errorCode) throw new Error(`${posted.errorCode}: ${posted.errorMessage}`);
    await checkpoint(job, 'post-replied', granted);
    state.posted = { posted: Number(posted.posted), released: Number(posted.released) };
    save(job.stateFile, state);
  }
  await report({ stage: 'done', granted, ...state.posted });
  await nats.close();
}

if (require.main === module) {
  run(JSON.parse(process.env.WORKER_JOB ?? '{}') as WorkerJob).then(
    () => process.exit(0),
    async (error: unknown) => {
      await report({ stage: 'failed', error: String(error) });
      process.exit(1);
    },
  );
}
