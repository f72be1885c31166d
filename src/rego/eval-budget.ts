/**
 * Time and memory budgets of an evaluation. The evaluator calls `tick` at every body step (and
 * builtins with long loops call it too); every few thousand ticks — sooner while the heap grows
 * fast — the clock and the V8 heap are read, and an evaluation past its deadline or its heap
 * budget stops with eval_cancel_error.
 * Together with linear-time regular expressions, no builtin runs for long between two ticks, so a
 * deadline interrupts any evaluation within milliseconds, and a runaway comprehension is stopped
 * before the process runs out of memory.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RegoEvalError, type Location } from './errors.js';
import { RegoObject, RegoSet, type Value } from './value.js';

/** Most ticks between two reads of the clock and the heap. */
const MAX_CHECK_INTERVAL = 4096;
/** Fewest ticks between two reads (reading the heap costs about a microsecond). */
const MIN_CHECK_INTERVAL = 16;
/** Bytes of builtin results (estimated) after which the limits are checked at once. */
const CHARGE_CHECK_BYTES = 8 * 2 ** 20;

export interface BudgetLimits {
  /** Absolute time (ms since the epoch, as Date.now()) after which evaluation stops. */
  deadline?: number;
  /** V8 heap use (bytes) above which evaluation stops. */
  heapLimitBytes?: number;
}

export class EvalBudget {
  private ticks = 0;
  private nextCheck = MIN_CHECK_INTERVAL;
  private lastCheckTicks = 0;
  private lastHeapBytes = 0;
  private charged = 0;

  constructor(public limits: BudgetLimits = {}) {}

  /** Counts one step; checks the limits when the step count reaches the next check. */
  tick(loc: Location | undefined): void {
    if (++this.ticks >= this.nextCheck) this.check(loc);
  }

  /**
   * Counts a builtin's result: one step may build a value of any size (`concat` of a megabyte
   * string per element of a comprehension), so large results bring the next check forward.
   */
  charge(result: Value, loc: Location | undefined): void {
    this.charged += estimatedBytes(result);
    if (this.charged >= CHARGE_CHECK_BYTES) this.check(loc);
  }

  /**
   * Before a builtin runs: its result may be as large as its arguments (`upper` of a 256 MB
   * string is another 256 MB, allocated in one step), so large arguments must fit in the heap
   * budget's remainder, or evaluation stops before the allocation rather than after an abort.
   * `joinsStrings`: the builtin joins the strings inside a collection (`concat`, `sprintf`), so
   * they count too.
   */
  reserve(args: readonly Value[], loc: Location | undefined, joinsStrings: boolean): void {
    const { heapLimitBytes } = this.limits;
    if (heapLimitBytes === undefined) return;
    let bytes = 0;
    for (const a of args) bytes += joinsStrings ? joinedBytes(a) : estimatedBytes(a);
    if (bytes < CHARGE_CHECK_BYTES) return;
    if (getHeapStatistics().used_heap_size + bytes > heapLimitBytes && liveHeapBytes() + bytes > heapLimitBytes) {
      throw memoryExceeded(heapLimitBytes, loc);
    }
  }

  /** Checks the limits now. */
  check(loc: Location | undefined): void {
    const { deadline, heapLimitBytes } = this.limits;
    if (deadline !== undefined && Date.now() > deadline) {
      throw new RegoEvalError('eval_cancel_error', 'execution exceeded time limit', loc);
    }
    if (heapLimitBytes === undefined) {
      this.scheduleNext(MAX_CHECK_INTERVAL);
      return;
    }
    let used = getHeapStatistics().used_heap_size;
    // Garbage counts in the heap's use until V8 collects it (a rule stopped earlier may have left
    // plenty): above the budget, collect first and stop only if live data still exceeds it.
    if (used > heapLimitBytes) {
      used = liveHeapBytes();
      if (used > heapLimitBytes) throw memoryExceeded(heapLimitBytes, loc);
    }
    // The next check comes sooner the faster the heap grows: steps that each build a large value
    // (a comprehension of megabyte strings) must not overshoot the budget's headroom between two
    // checks, and the process's heap limit lies past the budget.
    const steps = Math.max(1, this.ticks - this.lastCheckTicks);
    const growthPerStep = Math.max(0, used - this.lastHeapBytes) / steps;
    const headroom = Math.max(0, heapLimitBytes - used);
    this.lastHeapBytes = used;
    this.scheduleNext(growthPerStep > 0 ? Math.floor(headroom / (4 * growthPerStep)) : MAX_CHECK_INTERVAL);
  }

  private scheduleNext(interval: number): void {
    this.charged = 0;
    this.lastCheckTicks = this.ticks;
    this.nextCheck = this.ticks + Math.min(MAX_CHECK_INTERVAL, Math.max(MIN_CHECK_INTERVAL, interval));
  }
}

/** A cheap upper estimate of the heap a value's top level takes (its elements were counted when built). */
function estimatedBytes(v: Value): number {
  if (typeof v === 'string') return 2 * v.length;
  if (Array.isArray(v)) return 8 * v.length;
  if (v instanceof RegoSet || v instanceof RegoObject) return 64 * v.size;
  return 0;
}

/** A value with the strings directly inside it, as `concat` and `sprintf` take them. */
function joinedBytes(v: Value): number {
  let bytes = estimatedBytes(v);
  if (Array.isArray(v)) for (const x of v) bytes += typeof x === 'string' ? 2 * x.length : 0;
  else if (v instanceof RegoSet) for (const x of v.values()) bytes += typeof x === 'string' ? 2 * x.length : 0;
  return bytes;
}

function memoryExceeded(heapLimitBytes: number, loc: Location | undefined): RegoEvalError {
  return new RegoEvalError('eval_cancel_error', `execution exceeded memory limit of ${Math.round(heapLimitBytes / 2 ** 20)} MB of heap`, loc);
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
