// A billing replica as a separate process (forked by worker-crash.spec.ts): serves the quota
// subjects and, for `crashSubject`, commits the request but reports instead of replying, so the
// parent can SIGKILL it between the commit and the reply.
import { connect } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { TenantDatabase, withDatabase } from '@rampart/platform';
import { QuotaRequestHandler } from '../../src/quota/quota-request.handler';

export interface ReplicaJob {
  natsUrl: string;
  subjectPrefix: string;
  databaseUrl: string;
  databaseName: string;
  appRole: string;
  crashSubject: string;
}

async function run(job: ReplicaJob): Promise<void> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: withDatabase(job.databaseUrl, job.databaseName, { name: job.appRole }),
    extra: { max: 2 },
  });
  await dataSource.initialize();
  const nats = await connect({ servers: job.natsUrl });
  const handler = new QuotaRequestHandler(nats, new TenantDatabase(dataSource), {
    subjectPrefix: job.subjectPrefix,
    beforeReply: async (subject) => {
      if (subject !== job.crashSubject) return;
      process.send!({ stage: 'committed', subject });
      await new Promise(() => undefined); // the reply is never sent: wait here for SIGKILL
    },
  });
  handler.start();
  await nats.flush();
  process.send!({ stage: 'ready' });
}

if (require.main === module) {
  run(JSON.parse(process.env.REPLICA_JOB ?? '{}') as ReplicaJob).catch((error: unknown) => {
    process.send!({ stage: 'failed', error: String(error) });
    process.exit(1);
  });
}
