import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { FixesResolver } from './fixes.resolver';
import { FixesService } from './fixes.service';

@Module({ imports: [CatalogueModule], providers: [FixesResolver, FixesService] })
export class FixesModule {}
