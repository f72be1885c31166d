/**
 * Time and memory budgets of an evaluation. The evaluator calls `tick` at every body step (and
 * builtins with long loops call it too); every few thousand ticks the clock and the V8 heap are
 * read, and an evaluation past its deadline or its heap budget stops with eval_cancel_error.
 * Together with linear-time regular expressions, no builtin runs for long between two ticks, so a
 * deadline interrupts any evaluation within milliseconds, and a runaway comprehension is stopped
 * before the process runs out of memory.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RegoEvalError, type Location } from './errors.js';

/** Ticks between two reads of the clock and the heap (a power of two, minus one). */
const CHECK_MASK = 0xfff;

export interface BudgetLimits {
  /** Absolute time (ms since the epoch, as Date.now()) after which evaluation stops. */
  deadline?: number;
  /** V8 heap use (bytes) above which evaluation stops. */
  heapLimitBytes?: number;
}

export class EvalBudget {
  private ticks = 0;

  constructor(public limits: BudgetLimits = {}) {}

  /** Counts one step; checks the limits every CHECK_MASK + 1 steps. */
  tick(loc: Location | undefined): void {
    if ((++this.ticks & CHECK_MASK) === 0) this.check(loc);
  }

  /** Checks the limits now. */
  check(loc: Location | undefined): void {
    const { deadline, heapLimitBytes } = this.limits;
    if (deadline !== undefined && Date.now() > deadline) {
      throw new RegoEvalError('eval_cancel_error', 'execution exceeded time limit', loc);
    }
    // Garbage counts in the heap's use until V8 collects it (a rule stopped earlier may have left
    // plenty): above the budget, collect first and stop only if live data still exceeds it.
    if (heapLimitBytes !== undefined && getHeapStatistics().used_heap_size > heapLimitBytes && liveHeapBytes() > heapLimitBytes) {
      throw new RegoEvalError(
        'eval_cancel_error',
        `execution exceeded memory limit of ${Math.round(heapLimitBytes / 2 ** 20)} MB of heap`,
        loc,
      );
    }
  }
}

let gc: (() => void) | undefined;

/** Heap use after a full garbage collection. */
function liveHeapBytes(): number {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  return getHeapStatistics().used_heap_size;
}

/** The most heap (MB) this Node.js process may use (its --max-old-space-size or V8's default). */
export function heapSizeLimitMb(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
}

/** Default evaluation heap budget: three quarters of the process's heap limit. */
export function defaultHeapBudgetMb(): number {
  return Math.floor(heapSizeLimitMb() * 0.75);
}
