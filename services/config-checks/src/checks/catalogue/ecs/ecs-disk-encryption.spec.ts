import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

verifyCheckFixtures(catalogueItem('ecs-disk-unattached-encrypted'), {
  pass: [{ name: 'the detached disk is encrypted', asset: f.disk({ status: 'Available', instanceId: null }) }],
  fail: [{ name: 'the detached disk is not encrypted', asset: f.disk({ status: 'Available', instanceId: null, encrypted: false, kmsKeyId: null }), evidence: { field: 'encrypted', value: false } }],
  error: [{ name: 'encryption was not collected', asset: f.withUnknown(f.disk({ status: 'Available' }), ['encrypted'], 'Ecs:DescribeDisks') }],
  notApplicable: [{ name: 'the disk is attached', asset: f.disk({ encrypted: false }) }],
});

verifyCheckFixtures(catalogueItem('ecs-disk-attached-encrypted'), {
  pass: [
    { name: 'the attached disk is encrypted', asset: f.disk() },
    { name: 'an unencrypted system disk is excluded by dataDisksOnly', asset: f.disk({ type: 'data' }), params: { dataDisksOnly: true } },
  ],
  fail: [{ name: 'the attached data disk is not encrypted', asset: f.disk({ encrypted: false }), evidence: { diskType: 'data', instanceId: 'i-web1' } }],
  error: [{ name: 'encryption was not collected', asset: f.withUnknown(f.disk(), ['encrypted'], 'Ecs:DescribeDisks') }],
  notApplicable: [
    { name: 'the disk is detached', asset: f.disk({ status: 'Available', encrypted: false }) },
    { name: 'it is a system disk and dataDisksOnly is set', asset: f.disk({ type: 'system', encrypted: false }), params: { dataDisksOnly: true } },
  ],
});
