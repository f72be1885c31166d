import type { EvalBudget } from '../eval-budget.js';
import type { Value } from '../value.js';

/**
 * What a builtin may know about the query it runs in. Use one object for every builtin call of a
 * query: uuid.rfc4122 and rand.intn remember their results per context object, as OPA does per query.
 */
export interface BuiltinContext {
  /** strict-builtin-errors: a builtin error halts evaluation instead of making the expression undefined. */
  strict: boolean;
  /** time.now_ns(): fixed for one query, nanoseconds since the Unix epoch. */
  nowNs: bigint;
  /** Where print() output goes. */
  print(line: string): void;
  /** The evaluation's time and heap budgets: builtins with long loops tick it. */
  budget: EvalBudget;
}

/**
 * A builtin's runtime error (type mismatch, bad argument, division by zero...). The evaluator makes
 * the expression undefined in non-strict mode and halts with this message in strict mode, as OPA does.
 * Messages follow OPA's: `<name>: operand 1 must be string but got number`.
 */
export class BuiltinError extends Error {
  constructor(
    readonly builtin: string,
    message: string,
  ) {
    super(`${builtin}: ${message}`);
    this.name = 'BuiltinError';
  }
}

/** Returns the result, or undefined when the builtin is undefined for these arguments. */
export type BuiltinFn = (args: Value[], ctx: BuiltinContext) => Value | undefined;

export interface Builtin {
  /** Dotted name as called in Rego, e.g. `strings.any_prefix_match`; operators use OPA's names (plus, lt, ...). */
  name: string;
  /** Number of arguments; a call with arity+1 arguments binds the last to the output (handled by the evaluator). */
  arity: number;
  fn: BuiltinFn;
  /** Builtins whose result changes between calls with the same arguments (time.now_ns, uuid.rfc4122, rand.intn). */
  nondeterministic?: boolean;
}
