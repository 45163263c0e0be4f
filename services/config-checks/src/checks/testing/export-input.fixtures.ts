import type { Asset } from '@rampart/asset-model';
import { CHECK_CATALOGUE } from '../catalogue/check-catalogue.registry';
import { CheckEvaluator } from '../engine/check-evaluator.engine';
import { assetFixtures as f, FIXTURE_NOW } from './asset.fixtures';
import type { ExportInput } from '../exports/reportable-result.definition';

/** A small inventory with every status represented, evaluated by the real catalogue, for the exporter specs. */
export function exportFixture(): ExportInput {
  const assets: Asset[] = [
    f.account(),
    f.securityGroup({ rules: [f.rule({ portFrom: 22, portTo: 22, description: 'ops, "temporary"' })] }),
    f.ecsInstance({ status: 'Stopped' }),
    f.withUnknown(f.bucket({ bucketName: '=cmd|calc' }), ['acl', 'policy'], 'Oss:GetBucketAcl'),
    f.rdsInstance({ whitelistGroups: [{ name: 'default', attribute: null, ipType: 'IPv4', entries: ['0.0.0.0/0'] }] }),
  ];
  const results = new CheckEvaluator(CHECK_CATALOGUE).evaluate(assets, {
    now: Date.parse(FIXTURE_NOW),
    checkItemIds: ['ecs-sg-open-ssh', 'ecs-sg-open-rdp', 'ecs-instance-public-high-risk-port', 'oss-bucket-public-access', 'rds-whitelist-not-open', 'ram-root-mfa'],
  });
  return {
    results: [...results, { ...results[1], status: 'WHITELISTED', reason: 'accepted risk: lab network' }],
    catalogue: CHECK_CATALOGUE,
    assets,
    generatedAt: FIXTURE_NOW,
    scanId: 'scan-1',
    tenantId: 'acme',
  };
}
