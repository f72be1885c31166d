import { afterEach, describe, expect, it } from 'vitest';
import { collectAws } from '../../../src/collect/aws/index.js';
import { RateLimiter, RateLimiters, type Clock } from '../../../src/collect/aws/rate-limit.js';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfig, localOptions } from '../../support/aws-server/config.js';
import { loadFixtureEstate } from '../../support/aws-server/estate.js';
import { startAwsServer, type AwsServer } from '../../support/aws-server/server.js';

/** A clock that moves only by the sleeps it is asked for. */
function fakeClock(start = 0): Clock & { t: number } {
  const clock = {
    t: start,
    now: () => clock.t,
    // Time moves after the callers released so far have run, like a real timer.
    sleep: (ms: number) =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          clock.t += ms;
          resolve();
        }),
      ),
  };
  return clock;
}

async function releaseTimes(limiter: RateLimiter, clock: { t: number }, n: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(Array.from({ length: n }, () => limiter.acquire().then(() => times.push(clock.t))));
  return times;
}

describe('RateLimiter', () => {
  it('spaces requests 1/rate apart and lets the first one through at once', async () => {
    const clock = fakeClock();
    expect(await releaseTimes(new RateLimiter(2, 1, clock), clock, 4)).toEqual([0, 500, 1000, 1500]);
  });

  it('lends at most the burst after an idle period', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(2, 2, clock);
    clock.t = 10_000;
    expect(await releaseTimes(limiter, clock, 3)).toEqual([10_000, 10_000, 10_500]);
  });

  it('never lets queued requests catch up in a burst after a late timer', async () => {
    // The sleep overshoots by 2 s, as a blocked event loop would.
    const clock = fakeClock();
    clock.sleep = (ms: number) =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          clock.t += ms + 2000;
          resolve();
        }),
      );
    const times = await releaseTimes(new RateLimiter(2, 1, clock), clock, 4);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(500);
  });

  it('rejects rates that are not positive', () => {
    expect(() => new RateLimiter(0)).toThrow(/positive/);
    expect(() => new RateLimiter(Number.NaN)).toThrow(/positive/);
    expect(() => RateLimiters.fromConfig({ connect: -1 })).toThrow(/aws.rateLimits.connect/);
  });
});

describe('RateLimiters', () => {
  it('paces Connect at 2/s by default, per account and region, and leaves other services unpaced', () => {
    const limiters = RateLimiters.fromConfig(undefined);
    expect(limiters.rateOf('connect')).toBe(2);
    expect(limiters.for('s3', '111111111111', 'us-east-1')).toBeNull();
    const a = limiters.for('connect', '111111111111', 'us-east-1');
    expect(limiters.for('connect', '111111111111', 'us-east-1')).toBe(a);
    expect(limiters.for('connect', '111111111111', 'eu-west-2')).not.toBe(a);
    expect(limiters.for('connect', '222222222222', 'us-east-1')).not.toBe(a);
  });

  it('takes configured rates, including for other services', () => {
    const limiters = RateLimiters.fromConfig({ connect: 5, iam: 10 });
    expect(limiters.rateOf('connect')).toBe(5);
    expect(limiters.for('iam', '111111111111', 'us-east-1')?.perSecond).toBe(10);
  });
});

describe('pacing real Connect calls', () => {
  let server: AwsServer | undefined;
  afterEach(() => server?.close());

  it('keeps an account under the Connect quota the server enforces: no throttled call, and no faster than the rate', async () => {
    server = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT }, connectQuotaPerSecond: 20 });
    const started = Date.now();
    const inventory = await collectAws(localConfig(server, [{ id: '111111111111' }], { rateLimits: { connect: 20 } }), localOptions());
    const elapsed = Date.now() - started;
    const connectCalls = server.calls.filter((c) => c.service === 'connect');
    expect(inventory.collection.errors).toEqual([]);
    expect(connectCalls.filter((c) => c.status !== 200)).toEqual([]);
    // A lower bound only: the limiter spaces n calls at least (n - 1) / rate apart.
    expect(elapsed).toBeGreaterThanOrEqual(((connectCalls.length - 1) / 20) * 1000 - 5);
  });
});
