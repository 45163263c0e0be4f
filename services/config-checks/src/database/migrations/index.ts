import { CreateCheckResults1764300000000 } from './1764300000000-create-check-results';
import { CreateAssetReplica1764300000200 } from './1764300000200-create-asset-replica';

export const configChecksMigrations = [CreateCheckResults1764300000000, CreateAssetReplica1764300000200];
