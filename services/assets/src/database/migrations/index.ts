import { CreateAssets1764300000000 } from './1764300000000-create-assets';
import { CreateInventoryImports1764300000100 } from './1764300000100-create-inventory-imports';

export const assetsMigrations = [CreateAssets1764300000000, CreateInventoryImports1764300000100];
