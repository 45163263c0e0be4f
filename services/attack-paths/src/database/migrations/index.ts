import { CreateAttackPaths1764300000000 } from './1764300000000-create-attack-paths';
import { CreateAssetReplica1764300000200 } from './1764300000200-create-asset-replica';
import { CreateGraphState1764300000300 } from './1764300000300-create-graph-state';

export const attackPathsMigrations = [CreateAttackPaths1764300000000, CreateAssetReplica1764300000200, CreateGraphState1764300000300];
