import { Args, Query, Resolver } from '@nestjs/graphql';
import { BadUserInputError, CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { CHECK_CATALOGUE, exitCodeFor, toCsv, toJsonReport, toOcsf, toSarif, type ExportInput, type Severity } from '../checks';
import { CheckResultFilterInput } from './check-result-filter.input';
import { resultQueryOf } from './check-result-query';
import { CheckResultsReportModel } from './check-results-report.model';
import { CheckResultsService } from './check-results.service';

const FORMATS: Record<string, (input: ExportInput) => string> = {
  json: (input) => JSON.stringify(toJsonReport(input), null, 2),
  csv: (input) => toCsv(input),
  sarif: (input) => JSON.stringify(toSarif(input), null, 2),
  ocsf: (input) => JSON.stringify(toOcsf(input), null, 2),
};
const SEVERITIES: readonly Severity[] = ['HIGH', 'MEDIUM', 'LOW'];

/** Results as a report document plus the CI exit code, so clients (the CLI) need not embed the check catalogue. */
@Resolver(() => CheckResultsReportModel)
export class CheckResultsReportResolver {
  constructor(private readonly results: CheckResultsService) {}

  @Query(() => CheckResultsReportModel)
  @Requires('read')
  async checkResultsReport(
    @CurrentIdentity() identity: Identity,
    @Args('format', { type: () => String }) format: string,
    @Args('failOn', { type: () => String, nullable: true, description: 'HIGH | MEDIUM | LOW (default LOW)' }) failOn: string | null,
    @Args('filter', { type: () => CheckResultFilterInput, nullable: true }) filter: CheckResultFilterInput | null,
  ): Promise<CheckResultsReportModel> {
    const render = FORMATS[format.toLowerCase()];
    if (!render) throw new BadUserInputError(`format must be one of ${Object.keys(FORMATS).join(', ')}`, 'format');
    const threshold = (failOn ?? 'LOW').toUpperCase() as Severity;
    if (!SEVERITIES.includes(threshold)) throw new BadUserInputError('failOn must be HIGH, MEDIUM or LOW', 'failOn');
    const { results, assets } = await this.results.all(identity.tenantId, resultQueryOf(filter));
    const input: ExportInput = { results, assets, catalogue: CHECK_CATALOGUE, generatedAt: new Date().toISOString(), tenantId: identity.tenantId, scanId: filter?.scanId ?? undefined };
    return { format: format.toLowerCase(), content: render(input), resultCount: results.length, exitCode: exitCodeFor(results, threshold) };
  }
}
