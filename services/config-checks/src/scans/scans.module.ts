import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ScansResolver } from './scans.resolver';
import { ScansService } from './scans.service';

@Module({ imports: [CatalogueModule], providers: [ScansResolver, ScansService] })
export class ScansModule {}
