import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Command } from 'commander';

interface GlobalOptions {
  gateway: string;
  token?: string;
}

const IMPORT = 'mutation ($snapshot: JSON!) { importInventory(snapshot: $snapshot) { id accountId status assetsCreated assetsUpdated assetsRemoved assetsUnchanged } }';

interface ImportAnswer {
  data?: { importInventory?: { id: string; accountId: string; status: string; assetsCreated: number; assetsUpdated: number; assetsRemoved: number; assetsUnchanged: number } | null } | null;
  errors?: Array<{ message: string; extensions?: { code?: string; details?: { path?: string } } }>;
}

/**
 * Files up to this size go through `importInventory` (GraphQL): the gateway and the subgraph each hold the request
 * as one string, and a JavaScript string tops out near 512 MiB. Larger files are uploaded as they are to
 * `POST /imports/inventory`, which reads them one call at a time.
 */
export const GRAPHQL_IMPORT_MAX_BYTES = 256 * 1024 * 1024;

/** The GraphQL request body, with the snapshot file streamed in as `variables.snapshot` rather than read into memory. */
async function* requestBody(file: string): AsyncGenerator<Buffer> {
  yield Buffer.from(`{"query":${JSON.stringify(IMPORT)},"variables":{"snapshot":`);
  for await (const chunk of createReadStream(file)) yield chunk as Buffer;
  yield Buffer.from('}}');
}

/** Sends one snapshot file to the import (GraphQL, or the upload endpoint for big files); resolves to the exit code. */
export async function importSnapshotFile(
  file: string,
  gateway: string,
  token: string,
  out: { write(text: string): unknown } = process.stdout,
  err: { write(text: string): unknown } = process.stderr,
  options: { upload?: boolean } = {},
): Promise<number> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    err.write(`rampart import: cannot read ${file}\n`);
    return 2;
  }
  const upload = options.upload === true || size > GRAPHQL_IMPORT_MAX_BYTES;
  const target = upload ? new URL('/imports/inventory', gateway).toString() : gateway;
  let answer: ImportAnswer;
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': upload ? 'application/octet-stream' : 'application/json', authorization: `Bearer ${token}` },
      body: Readable.toWeb(upload ? createReadStream(file) : Readable.from(requestBody(file))) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const text = await response.text();
    try {
      answer = JSON.parse(text) as ImportAnswer;
    } catch {
      err.write(`rampart import: HTTP ${response.status} from ${target}: ${text.slice(0, 200)}\n`);
      return 1;
    }
  } catch (error) {
    err.write(`rampart import: cannot reach ${target}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const failure = answer.errors?.[0];
  const result = answer.data?.importInventory;
  if (failure || !result) {
    const code = failure?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    const path = failure?.extensions?.details?.path;
    err.write(`rampart import: ${code}${path ? ` at ${path}` : ''}: ${failure?.message ?? 'no result'}\n`);
    return 1;
  }
  out.write(
    `Imported account ${result.accountId} (${result.status}): ${result.assetsCreated} created, ${result.assetsUpdated} updated, ` +
      `${result.assetsRemoved} removed, ${result.assetsUnchanged} unchanged\n`,
  );
  return 0;
}

export function importCommand(): Command {
  return new Command('import')
    .description('import an Alibaba Cloud OpenAPI snapshot file (CONTRACT §4) through the gateway')
    .argument('<file>', 'snapshot JSON file')
    .option('--upload', `stream the file to /imports/inventory whatever its size (always above ${GRAPHQL_IMPORT_MAX_BYTES / 2 ** 20} MiB)`)
    .action(async (file: string, options: { upload?: boolean }, command: Command) => {
      const { gateway, token } = command.optsWithGlobals<GlobalOptions>();
      if (!token) {
        process.stderr.write('rampart import needs --token (or RAMPART_TOKEN)\n');
        process.exitCode = 1;
        return;
      }
      process.exitCode = await importSnapshotFile(file, gateway, token, process.stdout, process.stderr, { upload: options.upload });
    });
}
