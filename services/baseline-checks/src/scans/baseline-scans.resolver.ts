import { Args, ID, Mutation, Parent, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { BaselineRemediationModel } from './baseline-remediation.model';
import { BaselineScanTaskModel } from './baseline-scan-task.model';
import { BaselineScansService } from './baseline-scans.service';
import { StartBaselineScanInput } from './start-baseline-scan.input';

@Resolver(() => BaselineScanTaskModel)
export class BaselineScansResolver {
  constructor(private readonly scans: BaselineScansService) {}

  @Mutation(() => BaselineScanTaskModel, { description: 'Evaluates the hosts\' reported facts (kind BASELINE_SCAN); progress on scanProgress' })
  @Requires('scan')
  startBaselineScan(
    @CurrentIdentity() identity: Identity,
    @Args('input', { type: () => StartBaselineScanInput, nullable: true }) input: StartBaselineScanInput | null,
  ): Promise<BaselineScanTaskModel> {
    return this.scans.start(identity.tenantId, input ?? {});
  }

  @Mutation(() => BaselineScanTaskModel, { description: 'Re-evaluates these results on their hosts\' latest reported facts (kind BASELINE_VERIFY)' })
  @Requires('scan')
  verifyBaselineResults(@CurrentIdentity() identity: Identity, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<BaselineScanTaskModel> {
    return this.scans.verify(identity.tenantId, ids);
  }

  @Mutation(() => BaselineScanTaskModel, { description: 'A BASELINE_FIX task: the agent fetches baselineRemediation(taskId) and applies it' })
  @Requires('fix')
  fixBaselineResult(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<BaselineScanTaskModel> {
    return this.scans.fix(identity.tenantId, id);
  }

  @Query(() => BaselineScanTaskModel, { nullable: true, deprecationReason: 'Use scanTask(id), which finds tasks of every kind' })
  @Requires('read')
  baselineScanTask(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<BaselineScanTaskModel | null> {
    return this.scans.task(identity.tenantId, id);
  }

  @Query(() => BaselineRemediationModel, { nullable: true, description: 'The remediation script of a BASELINE_FIX task, for the agent' })
  @Requires('fix')
  baselineRemediation(@CurrentIdentity() identity: Identity, @Args('taskId', { type: () => ID }) taskId: string): Promise<BaselineRemediationModel | null> {
    return this.scans.remediation(identity.tenantId, taskId);
  }

  @ResolveReference()
  @Requires('read')
  resolveReference(@Parent() reference: { id: string }, @CurrentIdentity() identity: Identity): Promise<BaselineScanTaskModel | null> {
    return this.scans.task(identity.tenantId, reference.id);
  }
}
