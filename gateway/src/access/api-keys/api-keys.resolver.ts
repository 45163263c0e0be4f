import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { ApiKeyModel } from './api-key.model';
import { ApiKeysService } from './api-keys.service';
import { CreatedApiKeyModel } from './created-api-key.model';

/** Managing partner API keys needs the admin permission (CONTRACT §2). */
@Resolver()
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Query(() => [ApiKeyModel], { description: "The tenant's API keys, revoked ones included; never their secrets" })
  @Requires('admin')
  apiKeys(@CurrentIdentity() identity: Identity): Promise<ApiKeyModel[]> {
    return this.keys.list(identity.tenantId);
  }

  @Mutation(() => CreatedApiKeyModel, { description: 'A new key with the given scopes; its secret is shown once' })
  @Requires('admin')
  createApiKey(
    @CurrentIdentity() identity: Identity,
    @Args('name') name: string,
    @Args('scopes', { type: () => [String] }) scopes: string[],
  ): Promise<CreatedApiKeyModel> {
    return this.keys.create(identity, name, scopes);
  }

  @Mutation(() => ApiKeyModel, { description: 'Stops a key at once, on every gateway replica; NOT_FOUND for another tenant\'s key' })
  @Requires('admin')
  revokeApiKey(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<ApiKeyModel> {
    return this.keys.revoke(identity.tenantId, id);
  }
}
