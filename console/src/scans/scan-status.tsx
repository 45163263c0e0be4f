import type { ScanProgress } from '../api/types';

export const TERMINAL_STATUSES = ['COMPLETED', 'STOPPED_QUOTA_EXHAUSTED', 'FAILED', 'CANCELLED'] as const;

export function isTerminal(status: string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

/** Whole percent done; a finished task is 100 % even when it had nothing to evaluate. */
export function percentDone(progress: Pick<ScanProgress, 'status' | 'total' | 'completed'>): number {
  if (progress.status === 'COMPLETED') return 100;
  if (progress.total <= 0) return 0;
  return Math.min(100, Math.floor((progress.completed / progress.total) * 100));
}

const STATUS_TEXT: Record<string, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  STOPPED_QUOTA_EXHAUSTED: 'Stopped: quota exhausted',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

export function statusText(status: string): string {
  return STATUS_TEXT[status] ?? status;
}

export function StatusText({ status }: { status: string }) {
  const tone = status === 'COMPLETED' ? 'st-pass' : status === 'RUNNING' || status === 'QUEUED' ? 'st-info' : 'st-fail';
  return <span className={`badge ${tone}`}>{statusText(status)}</span>;
}
