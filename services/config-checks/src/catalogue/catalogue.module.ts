import { Module } from '@nestjs/common';
import { CheckCatalogueService } from './check-catalogue.service';
import { CheckItemsResolver, CheckResultItemResolver } from './check-items.resolver';

@Module({ providers: [CheckCatalogueService, CheckItemsResolver, CheckResultItemResolver], exports: [CheckCatalogueService] })
export class CatalogueModule {}
