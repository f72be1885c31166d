/**
 * Per-service request pacing for one account and region. Amazon Connect allows about 2 requests
 * per second per account and region (with a small burst), so calls are spaced evenly rather than
 * sent and throttled. A scheduler in the style of GCRA: each caller gets the next free slot and
 * sleeps until then (one timer per caller, never a busy loop).
 */
import type { AwsService } from '../../config/types.js';

/** Requests per second per account+region when the config names no rate for a service. */
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
  private nextSlot = Number.NEGATIVE_INFINITY;

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
  }

  /** Resolves when the caller may send its request. */
  async acquire(): Promise<void> {
    const now = this.clock.now();
    // An idle limiter may lend up to `burst - 1` slots from the past.
    const earliest = now - (this.burst - 1) * this.intervalMs;
    const slot = Math.max(this.nextSlot, earliest);
    this.nextSlot = slot + this.intervalMs;
    const wait = slot - now;
    if (wait > 0) await this.clock.sleep(wait);
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
      if (rate !== undefined && !(rate > 0)) throw new RangeError(`aws.rateLimits.${service} must be a positive number, got ${rate}`);
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
