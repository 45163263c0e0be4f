import { Module } from '@nestjs/common';
import { AssetCheckResultsResolver } from './asset-check-results.resolver';
import { CheckResultsService } from './check-results.service';

@Module({ providers: [AssetCheckResultsResolver, CheckResultsService], exports: [CheckResultsService] })
export class ResultsModule {}
