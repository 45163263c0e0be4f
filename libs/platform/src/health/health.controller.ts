import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** A named dependency probe; resolves when the dependency answers. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** `/health` says the process is up; `/ready` says its database and broker answer. */
@Controller()
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ready'; checks: Record<string, 'up'> }> {
    const results: Record<string, 'up' | 'down'> = {};
    await Promise.all(
      this.checks.map(async (probe) => {
        try {
          await withTimeout(probe.check(), 2000);
          results[probe.name] = 'up';
        } catch {
          results[probe.name] = 'down';
        }
      }),
    );
    if (Object.values(results).includes('down')) {
      throw new HttpException({ status: 'not_ready', checks: results }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ready', checks: results as Record<string, 'up'> };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
