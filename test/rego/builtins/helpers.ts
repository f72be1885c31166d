import { EvalBudget } from '../../../src/rego/eval-budget.js';
/** Calls builtins directly from the registry, without the evaluator. */
import { BUILTINS } from '../../../src/rego/builtins/index.js';
import type { BuiltinContext } from '../../../src/rego/builtins/types.js';
import { fromJSON, RegoSet, toJSON, type Value } from '../../../src/rego/value.js';

export const NOW_NS = 1_700_000_000_123_456_789n;

export function makeCtx(): BuiltinContext {
  return { strict: false, nowNs: NOW_NS, print: () => undefined, budget: new EvalBudget() };
}

const defaultCtx = makeCtx();

export function call(name: string, ...args: Value[]): Value | undefined {
  const b = BUILTINS.get(name);
  if (!b) throw new Error(`no builtin ${name}`);
  if (b.arity !== args.length) throw new Error(`${name} takes ${b.arity} arguments, test passed ${args.length}`);
  return b.fn(args, defaultCtx);
}

/** Calls and converts the result to plain JSON for easy comparison. */
export function callJSON(name: string, ...args: Value[]): unknown {
  const r = call(name, ...args);
  return r === undefined ? undefined : toJSON(r);
}

/** The message of the error the call throws. */
export function errorOf(name: string, ...args: Value[]): string {
  try {
    call(name, ...args);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${name} did not throw`);
}

export const v = (x: unknown): Value => fromJSON(x);
export const set = (...items: unknown[]): RegoSet => new RegoSet(items.map(fromJSON));
