/**
 * The CONTRACT's `ScanTask` value sets. config-checks and baseline-checks both serve the federated `ScanTask` entity
 * and must declare identical `ScanTaskKind` and `ScanTaskStatus` enums; task progress in `scan_progress` carries the same.
 */
export const SCAN_TASK_KINDS = ['SCAN', 'VERIFY', 'FIX', 'BASELINE_SCAN', 'BASELINE_VERIFY', 'BASELINE_FIX'] as const;
export type ScanTaskKind = (typeof SCAN_TASK_KINDS)[number];

export const SCAN_TASK_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'STOPPED_QUOTA_EXHAUSTED', 'FAILED', 'CANCELLED'] as const;
export type ScanTaskStatus = (typeof SCAN_TASK_STATUSES)[number];
