import { Injectable } from '@nestjs/common';
import { CHECK_CATALOGUE, CheckEvaluator, type CheckItem } from '../checks';
import type { CheckItemFilterInput } from './check-item-filter.input';

/** The built-in catalogue as the service serves it; one evaluator shared by resolvers and the batch worker. */
@Injectable()
export class CheckCatalogueService {
  readonly evaluator = new CheckEvaluator(CHECK_CATALOGUE);

  item(id: string): CheckItem | undefined {
    return this.evaluator.item(id);
  }

  list(filter: CheckItemFilterInput = {}): CheckItem[] {
    return CHECK_CATALOGUE.filter(
      (item) =>
        (filter.product === undefined || filter.product === null || item.product === filter.product) &&
        (filter.severity === undefined || filter.severity === null || item.severity === filter.severity) &&
        (filter.free === undefined || filter.free === null || item.free === filter.free) &&
        (filter.standard === undefined || filter.standard === null || item.standards.some((s) => s.standard === filter.standard)),
    );
  }
}
