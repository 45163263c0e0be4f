import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, JSONScalar, Requires, type Identity } from '@rampart/platform';
import { ImportInventoryService } from './import-inventory.service';
import { InventoryImportModel } from './inventory-import.model';
import { InventoryImportsService } from './inventory-imports.service';

@Resolver(() => InventoryImportModel)
export class ImportsResolver {
  constructor(
    private readonly importer: ImportInventoryService,
    private readonly imports: InventoryImportsService,
  ) {}

  @Mutation(() => InventoryImportModel, {
    description: "Replaces one account's inventory with an Alibaba OpenAPI snapshot (CONTRACT §4); atomic per account",
  })
  @Requires('scan')
  importInventory(
    @CurrentIdentity() identity: Identity,
    @Args('snapshot', { type: () => JSONScalar }) snapshot: unknown,
  ): Promise<InventoryImportModel> {
    return this.importer.importSnapshot(identity.tenantId, snapshot);
  }

  @Query(() => InventoryImportModel, { nullable: true })
  @Requires('read')
  inventoryImport(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<InventoryImportModel | null> {
    return this.imports.findById(identity.tenantId, id);
  }
}
