/**
 * Network time limits of the collectors (`aws.timeouts`, `salesforce.timeouts` in the config): how
 * long a connection may take to open, how long one request may go without an answer, and how long
 * the whole collection of one side may take. A call past a limit fails like any other call (a
 * collection error naming the operation and host, so SCV-COLL-001); the other accounts and orgs
 * are still collected.
 */
import type { NetworkTimeoutsConfig } from '../config/types.js';

export type { NetworkTimeoutsConfig } from '../config/types.js';
export type NetworkTimeouts = Required<NetworkTimeoutsConfig>;

export const DEFAULT_NETWORK_TIMEOUTS: NetworkTimeouts = {
  connectMs: 10_000,
  requestMs: 60_000,
  collectionMs: 60 * 60_000,
};

export function resolveTimeouts(config: NetworkTimeoutsConfig | undefined): NetworkTimeouts {
  return { ...DEFAULT_NETWORK_TIMEOUTS, ...(config ?? {}) };
}

/** Thrown for a call that was cut off by a time limit. */
export class NetworkTimeoutError extends Error {
  constructor(
    readonly code: 'ConnectTimeout' | 'RequestTimeout' | 'CollectionDeadlineExceeded',
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** The end of a collection: past it, every call fails at once instead of starting. */
export class CollectionDeadline {
  private readonly endsAt: number;

  constructor(
    readonly limitMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.endsAt = clock() + limitMs;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - this.clock());
  }

  get passed(): boolean {
    return this.remainingMs() === 0;
  }

  error(operation: string): NetworkTimeoutError {
    return new NetworkTimeoutError('CollectionDeadlineExceeded', `${operation} not finished when the collection time limit of ${this.limitMs} ms ran out`);
  }

  /** `work`, or a CollectionDeadlineExceeded rejection when the deadline passes first. */
  async race<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.passed) throw this.error(operation);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.error(operation)), this.remainingMs());
    });
    try {
      return await Promise.race([work(), expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}
