import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const key = f.kmsKey;

verifyCheckFixtures(catalogueItem('kms-key-rotation'), {
  pass: [{ name: 'rotation is enabled', asset: key() }],
  fail: [{ name: 'rotation is disabled', asset: key({ automaticRotation: 'Disabled' }), evidence: { value: 'Disabled' }, fixParams: { intervalDays: 180 } }],
  error: [{ name: 'the key could not be described', asset: f.withUnknown(key({ automaticRotation: null }), ['automaticRotation'], 'Kms:DescribeKey') }],
  notApplicable: [
    { name: 'the key belongs to the OSS service', asset: key({ creator: 'Oss', automaticRotation: 'Disabled' }) },
    { name: 'the key material is imported', asset: key({ origin: 'EXTERNAL', automaticRotation: 'Disabled' }) },
    { name: 'the key is asymmetric', asset: key({ keySpec: 'RSA_2048', automaticRotation: 'Disabled' }) },
    { name: 'the key is disabled', asset: key({ keyState: 'Disabled', automaticRotation: 'Disabled' }) },
  ],
});

verifyCheckFixtures(catalogueItem('kms-key-deletion-protection'), {
  pass: [{ name: 'deletion protection is on', asset: key() }],
  fail: [{ name: 'deletion protection is off', asset: key({ deletionProtection: false }) }],
  error: [{ name: 'the setting is not reported', asset: key({ deletionProtection: null }) }],
  notApplicable: [{ name: 'the key is pending deletion', asset: key({ keyState: 'PendingDeletion', deletionProtection: false }) }],
});

verifyCheckFixtures(catalogueItem('kms-key-pending-deletion'), {
  pass: [{ name: 'the key is enabled', asset: key() }],
  fail: [{ name: 'the key is pending deletion', asset: key({ keyState: 'PendingDeletion' }) }],
  error: [{ name: 'the key state could not be read', asset: f.withUnknown(key(), ['keyState'], 'Kms:DescribeKey') }],
  notApplicable: [{ name: 'the key belongs to a service', asset: key({ creator: 'Rds', keyState: 'PendingDeletion' }) }],
});
