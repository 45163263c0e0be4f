import { Module } from '@nestjs/common';
import { AssetCheckResultsResolver } from './asset-check-results.resolver';
import { CheckResultsReportResolver } from './check-results-report.resolver';
import { CheckResultsResolver } from './check-results.resolver';
import { CheckResultsService } from './check-results.service';

@Module({
  providers: [AssetCheckResultsResolver, CheckResultsResolver, CheckResultsReportResolver, CheckResultsService],
  exports: [CheckResultsService],
})
export class ResultsModule {}
