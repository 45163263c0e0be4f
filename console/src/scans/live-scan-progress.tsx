import { useEffect, useRef, useState } from 'react';
import { watchScanProgress } from '../api/scan-progress.subscription';
import type { ScanProgress } from '../api/types';
import { useSession } from '../auth/session.context';
import { ScanProgressView } from './scan-progress.view';
import { isTerminal } from './scan-status';

/** Subscribes to `scanProgress` for one task until its terminal status, then calls `onFinished` once. */
export function LiveScanProgress({ scanId, kind, onFinished }: { scanId: string; kind: string; onFinished?(progress: ScanProgress): void }) {
  const { token } = useSession();
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const [error, setError] = useState<{ message: string; code?: string } | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    setProgress(null);
    setError(null);
    let reported = false;
    return watchScanProgress(token, scanId, {
      next: (state) => {
        setProgress(state);
        if (isTerminal(state.status) && !reported) {
          reported = true;
          finished.current?.(state);
        }
      },
      error: (message, code) => setError({ message, code }),
      complete: () => undefined,
    });
  }, [token, scanId]);

  return <ScanProgressView kind={kind} progress={progress} error={error} />;
}
