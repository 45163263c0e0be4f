import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, JSONScalar, Requires, type Identity } from '@rampart/platform';
import { ScanTaskModel } from '../scans/scan-task.model';
import { FixesService } from './fixes.service';

@Resolver(() => ScanTaskModel)
export class FixesResolver {
  constructor(private readonly fixes: FixesService) {}

  @Mutation(() => ScanTaskModel, { description: 'Fixes a failing result on its live account (kind FIX); costs one quota unit when it succeeds' })
  @Requires('fix')
  fixCheckResult(
    @CurrentIdentity() identity: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('params', { type: () => JSONScalar, nullable: true }) params?: unknown,
  ): Promise<ScanTaskModel> {
    return this.fixes.fix(identity.tenantId, id, params);
  }

  @Mutation(() => ScanTaskModel, { description: 'Restores the state a succeeded fix captured (a new task of kind FIX)' })
  @Requires('fix')
  rollbackFix(@CurrentIdentity() identity: Identity, @Args('taskId', { type: () => ID }) taskId: string): Promise<ScanTaskModel> {
    return this.fixes.rollback(identity.tenantId, taskId);
  }
}
