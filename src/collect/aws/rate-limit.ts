/**
 * Per-service request pacing for one account and region. Amazon Connect allows about 2 requests
 * per second per account and region (with a small burst), so calls are spaced evenly rather than
 * sent and throttled. A token bucket drained by a FIFO queue: one timer at a time, never a busy
 * loop. Spacing is measured at release, so a late timer (a busy event loop) never makes the
 * queued requests catch up in a burst that would trip the service quota.
 */
import type { AwsService } from '../../config/types.js';
import { ScvGuardError } from '../../errors.js';

export const DEFAULT_RATE_LIMITS: Readonly<Partial<Record<AwsService, number>>> = { connect: 2 };

export interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class RateLimiter {
  private readonly intervalMs: number;
  private tokens: number;
  private refilledAt: number;
  private readonly waiting: (() => void)[] = [];
  private draining = false;

  /**
   * @param perSecond sustained requests per second (> 0)
   * @param burst requests that may go out back to back after an idle period (>= 1)
   */
  constructor(
    readonly perSecond: number,
    readonly burst = 1,
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {
    if (!(perSecond > 0) || !Number.isFinite(perSecond)) throw new RangeError(`rate limit must be a positive number, got ${perSecond}`);
    if (!Number.isInteger(burst) || burst < 1) throw new RangeError(`burst must be an integer >= 1, got ${burst}`);
    this.intervalMs = 1000 / perSecond;
    this.tokens = burst;
    this.refilledAt = clock.now();
  }

  /** Resolves when the caller may send its request; callers go in arrival order. */
  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      void this.drain();
    });
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) / this.intervalMs);
    this.refilledAt = now;
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.waiting.length > 0) {
        this.refill();
        if (this.tokens >= 1) {
          this.tokens -= 1;
          this.waiting.shift()!();
          continue;
        }
        await this.clock.sleep((1 - this.tokens) * this.intervalMs);
      }
    } finally {
      this.draining = false;
    }
  }
}

/** One limiter per service+account+region, created on first use. */
export class RateLimiters {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(
    private readonly rates: Partial<Record<AwsService, number>>,
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {
    for (const [service, rate] of Object.entries(rates)) {
      if (rate !== undefined && !(rate > 0 && Number.isFinite(rate))) {
        throw new ScvGuardError('config', `expected a positive number of requests per second, got ${rate}`, { path: `aws.rateLimits.${service}` });
      }
    }
  }

  static fromConfig(configured: Partial<Record<AwsService, number>> | undefined, clock?: Clock): RateLimiters {
    return new RateLimiters({ ...DEFAULT_RATE_LIMITS, ...(configured ?? {}) }, clock);
  }

  rateOf(service: AwsService): number | undefined {
    return this.rates[service];
  }

  /** The limiter for this service in this account and region, or null when the service is unpaced. */
  for(service: AwsService, account: string, region: string): RateLimiter | null {
    const rate = this.rates[service];
    if (rate === undefined) return null;
    const key = `${service}/${account}/${region}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter(rate, 1, this.clock);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
