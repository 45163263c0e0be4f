import { CreateCheckResults1764300000000 } from './1764300000000-create-check-results';
import { CreateAssetReplica1764300000200 } from './1764300000200-create-asset-replica';
import { CreateScanTasks1764300000300 } from './1764300000300-create-scan-tasks';

export const configChecksMigrations = [CreateCheckResults1764300000000, CreateAssetReplica1764300000200, CreateScanTasks1764300000300];
