import { Module } from '@nestjs/common';
import { AssetCheckResultsResolver } from './asset-check-results.resolver';
import { CheckResultSummaryResolver } from './check-result-summary.resolver';
import { CheckResultSummaryService } from './check-result-summary.service';
import { CheckResultsReportResolver } from './check-results-report.resolver';
import { CheckResultsResolver } from './check-results.resolver';
import { CheckResultsService } from './check-results.service';

@Module({
  providers: [AssetCheckResultsResolver, CheckResultsResolver, CheckResultsReportResolver, CheckResultsService, CheckResultSummaryResolver, CheckResultSummaryService],
  exports: [CheckResultsService],
})
export class ResultsModule {}
