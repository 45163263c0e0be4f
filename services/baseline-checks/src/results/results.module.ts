import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module';
import { BaselineResultsResolver } from './baseline-results.resolver';
import { BaselineResultsService } from './baseline-results.service';

@Module({ imports: [ItemsModule], providers: [BaselineResultsResolver, BaselineResultsService], exports: [BaselineResultsService] })
export class ResultsModule {}
