import type { ExecutedApiCall, RemediationApiCall, RemediationCapture } from '@rampart/contracts';
import { RPC_PRODUCTS } from '../collector/alibaba-rpc.transport';
import type { CallOutcome } from '../collector/call-outcome';
import { OSS_ACTIONS } from '../collector/oss.transport';
import type { SnapshotCall } from '../inventory/snapshot.schema';

const UNRESOLVED = 'UnresolvedOutput';

export interface ApiCaller {
  call(product: string, action: string, region: string | null, params: Record<string, unknown>): Promise<CallOutcome<unknown>>;
}

export interface WriteRun {
  executed: ExecutedApiCall[];
  outputs: unknown[];
  /** The first failing write's error; undefined when every write succeeded. */
  failure?: { code: string; message: string };
  rollbackFailed: boolean;
}

/** Why this call cannot run through the live connector, or null. The ROA products (Cs) and SLS have no write client here yet. */
export function unsupportedCall(call: RemediationApiCall): string | null {
  const supported = call.product === 'Oss' ? OSS_ACTIONS.has(call.action) : RPC_PRODUCTS[call.product] !== undefined;
  return supported ? null : `${call.product} ${call.action} is not supported by the live connector`;
}

function outputRef(value: unknown): { write: number; path: string } | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const ref = (value as { $output?: { write?: unknown; path?: unknown } }).$output;
  return ref && typeof ref.write === 'number' && typeof ref.path === 'string' ? { write: ref.write, path: ref.path } : null;
}

/** Replaces `$output` references with the values the earlier writes answered. */
function resolveOutputs(value: unknown, outputs: readonly unknown[]): unknown {
  const ref = outputRef(value);
  if (ref) {
    const resolved = ref.path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), outputs[ref.write]);
    if (resolved === undefined) throw new Error(`write ${ref.write} answered no ${ref.path}`);
    return resolved;
  }
  if (Array.isArray(value)) return value.map((v) => resolveOutputs(v, outputs));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveOutputs(v, outputs)]));
  return value;
}

/** Runs a plan's reads and writes through one account's API caller, recording every call and its answer. */
export class RemediationExecutor {
  constructor(private readonly api: ApiCaller) {}

  /** The capture reads, as snapshot calls the normalisers can read. */
  async capture(captures: readonly RemediationCapture[]): Promise<{ executed: ExecutedApiCall[]; calls: Array<{ call: SnapshotCall; fields: string[] }> }> {
    const executed: ExecutedApiCall[] = [];
    const calls: Array<{ call: SnapshotCall; fields: string[] }> = [];
    for (const capture of captures) {
      const { product, action, region, params } = capture.call;
      const outcome = await this.api.call(product, action, region, params);
      executed.push({ phase: 'CAPTURE', call: capture.call, ...outcome });
      calls.push({ call: { product, action, region, params, ...outcome }, fields: capture.fields });
    }
    return { executed, calls };
  }

  /**
   * The writes in order; at the first failure, undoes the writes that succeeded, last first. With one rollback call
   * per write `rollback[i]` undoes `writes[i]`; otherwise the whole rollback (it restores the captured prior state),
   * skipping calls that need the answer of a write that never ran.
   */
  async write(writes: readonly RemediationApiCall[], rollback: readonly RemediationApiCall[], priorOutputs: readonly unknown[] = []): Promise<WriteRun> {
    const executed: ExecutedApiCall[] = [];
    const outputs: unknown[] = [];
    for (const write of writes) {
      const outcome = await this.run('WRITE', write, [...priorOutputs, ...outputs], executed);
      if ('error' in outcome) {
        const undo = outputs.length === 0 ? [] : rollback.length === writes.length ? rollback.slice(0, outputs.length) : rollback;
        let rollbackFailed = false;
        for (const call of [...undo].reverse()) {
          const undone = await this.run('ROLLBACK', call, outputs, executed);
          if ('error' in undone && undone.error.code !== UNRESOLVED) rollbackFailed = true;
        }
        return { executed, outputs, failure: outcome.error, rollbackFailed };
      }
      outputs.push(outcome.response);
    }
    return { executed, outputs, rollbackFailed: false };
  }

  private async run(phase: ExecutedApiCall['phase'], call: RemediationApiCall, outputs: readonly unknown[], executed: ExecutedApiCall[]): Promise<CallOutcome<unknown>> {
    let resolved: RemediationApiCall;
    try {
      resolved = { ...call, params: resolveOutputs(call.params, outputs) as Record<string, unknown> };
    } catch (error) {
      const outcome = { error: { code: UNRESOLVED, message: (error as Error).message } };
      executed.push({ phase, call, ...outcome });
      return outcome;
    }
    const outcome = await this.api.call(resolved.product, resolved.action, resolved.region, resolved.params);
    executed.push({ phase, call: resolved, ...outcome });
    return outcome;
  }
}
