import { assetFixtures as f } from '../../testing/asset.fixtures';
import { catalogueItem } from '../../testing/catalogue-item.lookup';
import { verifyCheckFixtures } from '../../testing/check-fixtures.verifier';

const stores = (...logStores: { name: string; ttlDays: number | null; encrypted: boolean | null }[]) => f.slsProject({ logStores });

verifyCheckFixtures(catalogueItem('sls-logstore-retention'), {
  pass: [
    { name: 'every logstore keeps a year', asset: stores({ name: 'a', ttlDays: 365, encrypted: true }, { name: 'b', ttlDays: 3650, encrypted: true }) },
    { name: 'the logstore keeps data permanently (-1)', asset: stores({ name: 'a', ttlDays: -1, encrypted: true }) },
  ],
  fail: [{ name: 'one logstore keeps 30 days', asset: stores({ name: 'a', ttlDays: 365, encrypted: true }, { name: 'short', ttlDays: 30, encrypted: true }), evidence: { logStores: [{ name: 'short', ttlDays: 30 }] } }],
  error: [
    { name: 'a logstore TTL was not reported', asset: stores({ name: 'a', ttlDays: null, encrypted: true }) },
    { name: 'the logstores could not be listed', asset: f.withUnknown(f.slsProject(), ['logStores'], 'Sls:ListLogStores') },
  ],
});

verifyCheckFixtures(catalogueItem('sls-logstore-encryption'), {
  pass: [{ name: 'every logstore is encrypted', asset: f.slsProject() }],
  fail: [{ name: 'a logstore is not encrypted', asset: stores({ name: 'plain', ttlDays: 365, encrypted: false }), evidence: { logStores: ['plain'] } }],
  error: [{ name: 'encryption was not reported', asset: stores({ name: 'a', ttlDays: 365, encrypted: null }) }],
});
