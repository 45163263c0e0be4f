import { CreateAssets1764300000000 } from './1764300000000-create-assets';

export const assetsMigrations = [CreateAssets1764300000000];
