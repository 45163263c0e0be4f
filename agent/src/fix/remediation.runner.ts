import * as path from 'node:path';
import { evaluateFactExpectation, renderRemediationScript, type HostFacts, type RemediationScript } from '@rampart/host-facts';
import { collectHostFacts, type CollectOptions } from '../collect/host-facts.collector';
import { HostReader } from '../collect/host.reader';
import { FileBackup } from './file.backup';
import { RemediationStepExecutor, type StepOutcome } from './remediation-step.executor';

export interface RemediationOptions {
  /** Apply to a mounted system instead of `/`. */
  readonly root?: string;
  /** Where backups go; default /var/backups/rampart/<taskId> of the system being fixed. */
  readonly backupDir?: string;
  /** Render and validate only. */
  readonly dryRun?: boolean;
  /** Options of the verifying re-collection (root is always the same). */
  readonly collect?: Omit<CollectOptions, 'root'>;
}

export interface RemediationResult {
  readonly status: 'APPLIED' | 'DRY_RUN' | 'FAILED_RESTORED' | 'VERIFY_FAILED_RESTORED';
  readonly taskId: string;
  readonly itemId: string;
  readonly backupDir: string;
  readonly steps: readonly StepOutcome[];
  readonly expectations: readonly { readonly description: string; readonly holds: boolean; readonly actual: unknown }[];
  readonly restored: readonly string[];
  readonly error?: string;
  readonly script: string;
  /** Facts collected after the fix (for the server to re-evaluate). */
  readonly facts?: HostFacts;
}

const VALID_TASK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Checks the shape of a remediation script received from the server or a file. */
export function parseRemediationScript(input: unknown): RemediationScript {
  const script = input as Partial<RemediationScript> | null;
  if (script === null || typeof script !== 'object' || script.format !== 'rampart-remediation/v1') throw new Error('not a rampart-remediation/v1 script');
  if (typeof script.taskId !== 'string' || !VALID_TASK_ID.test(script.taskId)) throw new Error('taskId must match [A-Za-z0-9._-]');
  if (typeof script.itemId !== 'string' || !Array.isArray(script.steps) || !Array.isArray(script.expect)) throw new Error('itemId, steps and expect are required');
  for (const [index, step] of script.steps.entries()) {
    if (typeof step !== 'object' || step === null || typeof (step as { kind?: unknown }).kind !== 'string') throw new Error(`steps[${index}] has no kind`);
    const p = (step as { path?: unknown; file?: unknown }).path ?? (step as { file?: unknown }).file;
    if (p !== undefined && (typeof p !== 'string' || !p.startsWith('/') || p.split('/').includes('..'))) throw new Error(`steps[${index}] path must be absolute without '..'`);
  }
  return script as RemediationScript;
}

/**
 * Applies a remediation: backs up every file before changing it, runs the steps in order, re-collects facts and checks
 * the script's expectations. Any failing step or expectation restores the backup.
 */
export async function applyRemediation(script: RemediationScript, options: RemediationOptions = {}): Promise<RemediationResult> {
  const reader = new HostReader(options.root ?? '/');
  const backupDir = options.backupDir ?? reader.resolve(path.posix.join('/var/backups/rampart', script.taskId));
  const rendered = renderRemediationScript(script);
  const base = { taskId: script.taskId, itemId: script.itemId, backupDir, script: rendered };
  if (options.dryRun === true) return { ...base, status: 'DRY_RUN', steps: [], expectations: [], restored: [] };

  const backup = new FileBackup(backupDir);
  const executor = new RemediationStepExecutor(reader, backup);
  const steps: StepOutcome[] = [];
  try {
    for (const step of script.steps) steps.push(executor.apply(step));
  } catch (error) {
    const restored = backup.restore();
    return { ...base, status: 'FAILED_RESTORED', steps, expectations: [], restored, error: `step ${steps.length + 1} (${script.steps[steps.length]?.kind}): ${(error as Error).message}` };
  }
  const needsPasswords = script.expect.some((e) => e.path.startsWith('weakPasswords'));
  const facts = await collectHostFacts({ ...options.collect, root: options.root, skipPasswordTest: options.collect?.skipPasswordTest ?? !needsPasswords });
  const expectations = script.expect.map((expectation) => ({ description: expectation.description, ...evaluateFactExpectation(facts, expectation) }));
  if (expectations.some((e) => !e.holds)) {
    const restored = backup.restore();
    return { ...base, status: 'VERIFY_FAILED_RESTORED', steps, expectations, restored, error: 'verification failed after applying the steps', facts: await collectHostFacts({ ...options.collect, root: options.root, skipPasswordTest: true }) };
  }
  return { ...base, status: 'APPLIED', steps, expectations, restored: [], facts };
}
