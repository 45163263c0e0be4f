import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { BaselinePoliciesService } from './baseline-policies.service';
import { BaselinePolicyModel } from './baseline-policy.model';
import { CreateBaselinePolicyInput } from './create-baseline-policy.input';

@Resolver(() => BaselinePolicyModel)
export class BaselinePoliciesResolver {
  constructor(private readonly policies: BaselinePoliciesService) {}

  @Mutation(() => BaselinePolicyModel, { description: 'A custom baseline policy: selected items with parameter overrides' })
  @Requires('scan')
  createBaselinePolicy(@CurrentIdentity() identity: Identity, @Args('input') input: CreateBaselinePolicyInput): Promise<BaselinePolicyModel> {
    return this.policies.create(identity.tenantId, input);
  }

  @Query(() => [BaselinePolicyModel])
  @Requires('read')
  baselinePolicies(@CurrentIdentity() identity: Identity): Promise<BaselinePolicyModel[]> {
    return this.policies.list(identity.tenantId);
  }
}
