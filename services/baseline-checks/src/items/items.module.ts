import { Module } from '@nestjs/common';
import { BaselineItemsResolver } from './baseline-items.resolver';
import { BASELINE_CATALOGUE } from './baseline-catalogue.token';
import { baselineCatalogueView } from './baseline-catalogue.view';

@Module({
  providers: [BaselineItemsResolver, { provide: BASELINE_CATALOGUE, useValue: baselineCatalogueView }],
  exports: [BASELINE_CATALOGUE],
})
export class ItemsModule {}
