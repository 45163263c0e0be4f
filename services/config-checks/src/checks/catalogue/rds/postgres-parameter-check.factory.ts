import { defineCheck } from '../../engine/define-check.factory';
import { verdict } from '../../engine/verdict.factory';
import type { CheckItem, StandardRef } from '../../model/check-item.definition';
import { standardRef } from '../standard-ref.factory';

const ON = new Set(['on', 'true', 'yes', '1']);

export interface PostgresParameterCheckOptions {
  readonly id: string;
  readonly parameter: string;
  readonly cis: string;
  readonly rationale: string;
  readonly extraStandards?: readonly StandardRef[];
}

/** A PostgreSQL boolean server parameter that must be on; other engines are not applicable. */
export function definePostgresParameterCheck(o: PostgresParameterCheckOptions): CheckItem {
  return defineCheck({
    id: o.id,
    title: `PostgreSQL parameter ${o.parameter} is on`,
    description: `For PostgreSQL instances: fails unless the running value of ${o.parameter} is on (on/true/yes/1, any case). Other engines are not applicable.`,
    rationale: o.rationale,
    severity: 'LOW',
    product: 'RDS',
    kind: 'rdsInstance',
    free: false,
    standards: [standardRef.cis(o.cis), standardRef.mlps('8.1.4.3a'), ...(o.extraStandards ?? [])],
    remediation: `Set ${o.parameter} = on in the instance parameters (ModifyParameter); no restart is needed.`,
    apis: ['Rds:DescribeDBInstances', 'Rds:DescribeParameters'],
    reads: ['parameters'],
    applicabilityReads: ['engine'],
    notApplicable: (asset) => (asset.configuration.engine.toLowerCase() === 'postgresql' ? null : `engine is ${asset.configuration.engine}`),
    evaluate(asset) {
      const value = asset.configuration.parameters[o.parameter];
      if (value === undefined) return verdict.error(`${o.parameter} is not among the reported running parameters`, { field: `parameters.${o.parameter}`, value: null });
      return ON.has(value.trim().toLowerCase())
        ? verdict.pass(`${o.parameter} = ${value}`)
        : verdict.fail(`${o.parameter} = ${value}`, { field: `parameters.${o.parameter}`, value, expected: 'on' });
    },
    fix: {
      description: `ModifyParameter ${o.parameter}=on (no restart); the rollback sets the prior value.`,
      writeActions: ['Rds:ModifyParameter'],
      rollbackActions: ['Rds:ModifyParameter'],
      captureActions: ['Rds:DescribeParameters'],
      plan(asset) {
        const id = asset.configuration.dbInstanceId;
        const prior = asset.configuration.parameters[o.parameter] ?? 'off';
        const call = (value: string) => ({
          product: 'Rds' as const, action: 'ModifyParameter', region: asset.region,
          params: { DBInstanceId: id, Parameters: JSON.stringify({ [o.parameter]: value }), Forcerestart: false },
        });
        return {
          ok: true,
          plan: {
            summary: `Set ${o.parameter}=on on ${id}`,
            capture: [{ call: { product: 'Rds', action: 'DescribeParameters', region: asset.region, params: { DBInstanceId: id } }, fields: [`parameters.${o.parameter}`] }],
            priorState: { [`parameters.${o.parameter}`]: prior },
            writes: [call('on')],
            rollback: [call(prior)],
          },
        };
      },
    },
  });
}
