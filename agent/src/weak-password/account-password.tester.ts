import * as os from 'node:os';
import type { WeakPasswordReason, WeakPasswordVerdict } from '@rampart/host-facts';
import { hashAlgorithm } from '../collect/accounts.collector';
import { Libcrypt } from './libcrypt.binding';
import { usernameCandidates } from './password-dictionary';

export interface AccountPasswordTestOptions {
  readonly words: readonly string[];
  readonly hostname: string;
  /** Epoch ms; accounts not finished by then get `complete: false`. */
  readonly deadline: number;
  /** Parallel crypt lanes (koffi worker threads); default: available cores, at most 4. */
  readonly lanes?: number;
}

interface Candidate {
  readonly phrase: string;
  readonly reason: WeakPasswordReason;
}

/**
 * Tests each account's stored hash against empty, username-derived and dictionary candidates through libcrypt; the
 * result carries only verdicts. Candidates are spread over `lanes` parallel koffi calls.
 */
export async function testAccountPasswords(libcrypt: Libcrypt, hashes: ReadonlyMap<string, string>, options: AccountPasswordTestOptions): Promise<WeakPasswordVerdict[]> {
  const lanes = Math.max(1, options.lanes ?? Math.min(4, os.availableParallelism()));
  const verdicts: WeakPasswordVerdict[] = [];
  for (const [account, hash] of hashes) {
    const algorithm = hashAlgorithm(hash);
    if (!libcrypt.supports(hash)) {
      verdicts.push({ account, weak: false, algorithm, complete: false, candidatesTried: 0, note: `${libcrypt.library} does not support this hash method` });
      continue;
    }
    const candidates: Candidate[] = [
      { phrase: '', reason: 'empty' },
      ...usernameCandidates(account, options.hostname).map((phrase) => ({ phrase, reason: 'username' as const })),
      ...options.words.map((phrase) => ({ phrase, reason: 'dictionary' as const })),
    ];
    let next = 0;
    let tried = 0;
    let found: Candidate | null = null;
    let outOfTime = false;
    const lane = async (): Promise<void> => {
      const workArea = Libcrypt.workArea();
      while (found === null && next < candidates.length) {
        if (Date.now() > options.deadline) {
          outOfTime = true;
          return;
        }
        const candidate = candidates[next++];
        const result = await libcrypt.cryptAsync(candidate.phrase, hash, workArea);
        tried++;
        if (result === hash) found ??= candidate;
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    const winner = found as Candidate | null;
    verdicts.push(
      winner !== null
        ? { account, weak: true, reason: winner.reason, algorithm, complete: true, candidatesTried: tried }
        : { account, weak: false, algorithm, complete: !outOfTime, candidatesTried: tried, ...(outOfTime ? { note: 'time budget exhausted' } : {}) },
    );
  }
  return verdicts;
}
