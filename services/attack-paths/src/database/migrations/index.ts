import { CreateAttackPaths1764300000000 } from './1764300000000-create-attack-paths';
import { CreateAssetReplica1764300000200 } from './1764300000200-create-asset-replica';

export const attackPathsMigrations = [CreateAttackPaths1764300000000, CreateAssetReplica1764300000200];
