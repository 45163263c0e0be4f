import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

verifyCheckFixtures(catalogueItem('ecs-instance-metadata-tokens'), {
  pass: [{ name: 'tokens are required', asset: f.ecsInstance() }],
  fail: [
    { name: 'tokens are optional', asset: f.ecsInstance({ metadataHttpTokens: 'optional' }), evidence: { value: 'optional' } },
    { name: 'the setting is absent (default optional)', asset: f.ecsInstance({ metadataHttpTokens: null }) },
  ],
  error: [{ name: 'metadata options were not collected', asset: f.withUnknown(f.ecsInstance(), ['metadataHttpTokens'], 'Ecs:DescribeInstances') }],
});
