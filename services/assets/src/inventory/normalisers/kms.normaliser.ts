import type { KmsKeyConfiguration } from '@rampart/asset-model';
import { actionsOf, type ProductNormaliser } from './product-normaliser';

const P = 'Kms';
const DESCRIBED = ['keyState', 'keyUsage', 'keySpec', 'origin', 'creator', 'automaticRotation', 'rotationInterval', 'deletionProtection', 'creationDate'];

/** KMS keys (ListKeys) with their metadata (DescribeKey). */
export const kmsNormaliser: ProductNormaliser = {
  name: 'kms',
  actions: actionsOf(P, ['ListKeys', 'DescribeKey']),
  normalise(ctx) {
    for (const { ic, reader, body } of ctx.listBodies(P, 'ListKeys')) {
      const region = ic.call.region;
      for (const { value: k, at } of reader.list(body, 'Keys', 'Key', '')) {
        const keyId = reader.id(k, 'KeyId', at);
        if (keyId === null) continue;
        const config: KmsKeyConfiguration = {
          keyId, keyState: 'Unknown', keyUsage: null, keySpec: null, origin: null, creator: null,
          automaticRotation: null, rotationInterval: null, deletionProtection: null, creationDate: null,
        };
        const asset = ctx.emit(ctx.newAsset('kmsKey', 'KMS', region, region, keyId, keyId, {}, config));
        if (asset.configuration !== config) continue;
        const outcome = ctx.detail(P, 'DescribeKey', 'KeyId', keyId);
        ctx.noteOutcome(asset, DESCRIBED, `${P}:DescribeKey`, outcome);
        for (const { reader: d, body: b } of ctx.answered(outcome)) {
          const m = d.obj(b, 'KeyMetadata', '');
          if (m === null) {
            d.fail('KeyMetadata', 'missing');
            continue;
          }
          const at2 = 'KeyMetadata';
          const rotation = d.str(m, 'AutomaticRotation', at2);
          if (rotation !== null && rotation !== 'Enabled' && rotation !== 'Disabled' && rotation !== 'Suspended') {
            d.fail(`${at2}.AutomaticRotation`, `expected Enabled, Disabled or Suspended, got ${JSON.stringify(rotation)}`);
          }
          config.keyState = d.str(m, 'KeyState', at2) ?? 'Unknown';
          config.keyUsage = d.str(m, 'KeyUsage', at2);
          config.keySpec = d.str(m, 'KeySpec', at2);
          config.origin = d.str(m, 'Origin', at2);
          config.creator = d.str(m, 'Creator', at2);
          config.automaticRotation = rotation === 'Enabled' || rotation === 'Disabled' || rotation === 'Suspended' ? rotation : null;
          config.rotationInterval = d.str(m, 'RotationInterval', at2);
          config.deletionProtection = d.bool(m, 'DeletionProtection', at2, ['enabled'], ['disabled']);
          config.creationDate = d.str(m, 'CreationDate', at2);
          asset.name = d.str(m, 'Description', at2) ?? keyId;
        }
      }
    }
  },
};
