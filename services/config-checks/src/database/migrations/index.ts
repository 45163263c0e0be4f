import { CreateCheckResults1764300000000 } from './1764300000000-create-check-results';
import { CreateAssetReplica1764300000200 } from './1764300000200-create-asset-replica';
import { CreateScanTasks1764300000300 } from './1764300000300-create-scan-tasks';
import { CreateScanTaskBatches1764300000500 } from './1764300000500-create-scan-task-batches';
import { CreateFixRecords1764300000600 } from './1764300000600-create-fix-records';
import { AddCheckResultPreviousStatus1764300000700 } from './1764300000700-add-check-result-previous-status';
import { CheckResultFilters1764300000800 } from './1764300000800-check-result-filters';

export const configChecksMigrations = [
  CreateCheckResults1764300000000, CreateAssetReplica1764300000200, CreateScanTasks1764300000300, CreateScanTaskBatches1764300000500,
  CreateFixRecords1764300000600, AddCheckResultPreviousStatus1764300000700, CheckResultFilters1764300000800,
];
