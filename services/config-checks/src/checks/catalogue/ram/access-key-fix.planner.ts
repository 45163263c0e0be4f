import type { FixDraftOutcome } from '../../engine/define-check.factory';
import type { AssetOf } from '../../model/evaluation-context.definition';
import type { ApiCall } from '../../model/fix-plan.definition';

/** Deactivates (not deletes) the given AccessKeys, so the rollback can re-activate them. */
export function planAccessKeyDeactivation(user: AssetOf<'ramUser'>, accessKeyIds: readonly string[]): FixDraftOutcome {
  if (accessKeyIds.length === 0) return { ok: false, reason: 'no AccessKey to deactivate' };
  const { userName } = user.configuration;
  const call = (id: string, Status: 'Active' | 'Inactive'): ApiCall => ({
    product: 'Ram', action: 'UpdateAccessKey', region: null, params: { UserName: userName, UserAccessKeyId: id, Status },
  });
  return {
    ok: true,
    plan: {
      summary: `Deactivate ${accessKeyIds.length} AccessKey(s) of ${userName}`,
      capture: [{ call: { product: 'Ram', action: 'ListAccessKeys', region: null, params: { UserName: userName } }, fields: ['accessKeys'] }],
      priorState: { accessKeys: user.configuration.accessKeys.map((k) => ({ accessKeyId: k.accessKeyId, status: k.status })) },
      writes: accessKeyIds.map((id) => call(id, 'Inactive')),
      rollback: accessKeyIds.map((id) => call(id, 'Active')),
    },
  };
}
