import { CreateAssets1764300000000 } from './1764300000000-create-assets';
import { CreateInventoryImports1764300000100 } from './1764300000100-create-inventory-imports';
import { CreateCloudAccounts1764300000200 } from './1764300000200-create-cloud-accounts';

export const assetsMigrations = [CreateAssets1764300000000, CreateInventoryImports1764300000100, CreateCloudAccounts1764300000200];
