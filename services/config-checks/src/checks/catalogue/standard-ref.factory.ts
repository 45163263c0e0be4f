import type { StandardRef } from '../model/check-item.definition';

/** Standard references, spelled once. */
export const standardRef = {
  /** CIS Alibaba Cloud Foundations Benchmark v2.0.0 section, e.g. "4.3". */
  cis(controlId: string): StandardRef {
    return { standard: 'CIS_ALIBABA_2_0', controlId };
  },
  /** GB/T 22239-2019 (MLPS 2.0) level 3 clause with item letter, e.g. "8.1.4.2a". */
  mlps(controlId: string): StandardRef {
    return { standard: 'MLPS_2_0_L3', controlId };
  },
};
