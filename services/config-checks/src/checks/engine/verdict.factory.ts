import type { UnknownData } from '@rampart/asset-model';
import type { Evidence, Verdict } from '../model/check-result.definition';

const NO_EVIDENCE: Evidence = Object.freeze({});

/** Builds verdicts; every check returns through these so results keep one shape (cheap for the engine's hot loop). */
export const verdict = {
  pass(reason: string, evidence: Evidence = NO_EVIDENCE): Verdict {
    return { status: 'PASS', reason, evidence };
  },
  fail(reason: string, evidence: Evidence = NO_EVIDENCE): Verdict {
    return { status: 'FAIL', reason, evidence };
  },
  error(reason: string, evidence: Evidence = NO_EVIDENCE): Verdict {
    return { status: 'ERROR', reason, evidence };
  },
  notApplicable(reason: string, evidence: Evidence = NO_EVIDENCE): Verdict {
    return { status: 'NOT_APPLICABLE', reason, evidence };
  },
  /** Data the importer could not collect: ERROR naming the call, its error and the fields it would have filled. */
  unknown(unknown: UnknownData, subject?: string): Verdict {
    const what = subject ? `${subject}: ` : '';
    return {
      status: 'ERROR',
      reason: `${what}could not collect ${unknown.fields.join(', ')} (${unknown.source} failed with ${unknown.error.code})`,
      evidence: {
        unknown: {
          source: unknown.source,
          fields: [...unknown.fields],
          error: { code: unknown.error.code, message: unknown.error.message },
          ...(subject ? { asset: subject } : {}),
        },
      },
    };
  },
};
