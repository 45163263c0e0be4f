/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import type { ScanProgress } from '../api/types';
import { ScanProgressView } from './scan-progress.view';
import { percentDone } from './scan-status';

const progress = (status: string, completed: number, total = 40, failed = 0): ScanProgress => ({
  scanId: 's1',
  status,
  total,
  completed,
  failed,
  quotaConsumed: completed,
});

describe('scan progress', () => {
  it('shows the share of evaluations done as a progressbar with the quota consumed', () => {
    render(<ScanProgressView kind="SCAN" progress={progress('RUNNING', 10, 40, 2)} error={null} />);

    const bar = screen.getByRole('progressbar', { name: 'Scan progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByText('25 %')).toBeTruthy();
    expect(screen.getByText(/10 of 40 evaluations, 2 failing/)).toBeTruthy();
    expect(screen.getByTestId('quota-consumed').textContent).toBe('10');
    expect(screen.getByText('Running')).toBeTruthy();
  });

  it('reaches 100 % when the task completes, even with nothing to evaluate', () => {
    expect(percentDone(progress('COMPLETED', 0, 0))).toBe(100);
    render(<ScanProgressView kind="VERIFY" progress={progress('COMPLETED', 40)} error={null} />);
    expect(screen.getByRole('progressbar', { name: 'Verify progress' }).getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByText('Completed')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says plainly that the quota ran out and what the results cover', () => {
    render(<ScanProgressView kind="SCAN" progress={progress('STOPPED_QUOTA_EXHAUSTED', 25)} error={null} />);

    expect(screen.getByRole('alert').textContent).toContain('The quota ran out: the scan stopped.');
    expect(screen.getByRole('alert').textContent).toContain('Results cover the 25 evaluations paid for.');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('62');
  });

  it('shows a subscription error with its code', () => {
    render(<ScanProgressView kind="SCAN" progress={null} error={{ message: 'Scan not found', code: 'NOT_FOUND' }} />);
    expect(screen.getByRole('alert').textContent).toContain('Scan not found');
    expect(screen.getByRole('alert').textContent).toContain('NOT_FOUND');
    expect(screen.getByText('Connecting…')).toBeTruthy();
  });
});
