import { CreateAssets1764300000000 } from './1764300000000-create-assets';
import { CreateInventoryImports1764300000100 } from './1764300000100-create-inventory-imports';
import { CreateCloudAccounts1764300000200 } from './1764300000200-create-cloud-accounts';
import { CreateRemediationRuns1764300000300 } from './1764300000300-create-remediation-runs';
import { AssetSearch1764300000400 } from './1764300000400-asset-search';
import { CreateAssetCounts1764300000500 } from './1764300000500-create-asset-counts';

export const assetsMigrations = [
  CreateAssets1764300000000, CreateInventoryImports1764300000100, CreateCloudAccounts1764300000200,
  CreateRemediationRuns1764300000300, AssetSearch1764300000400, CreateAssetCounts1764300000500,
];
