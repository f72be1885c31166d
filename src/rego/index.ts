/**
 * scv-guard's Rego engine: compile modules once, evaluate queries against input and data with
 * OPA's semantics. See docs/rego-engine.md.
 */
import type { Literal, Module } from './ast.js';
import type { Annotation } from './annotations.js';
import { compileModules, type Compiled, type CompileOptions, type ModuleSource } from './compile.js';
import { Resolver } from './compile-resolve.js';
import { checkDataConflicts } from './data-conflicts.js';
import { Context, lookup, type Env } from './eval-context.js';
import { builtinArity, REFUSED_BUILTINS } from './eval-builtins.js';
import { Evaluator, type EvalOptions } from './eval.js';
import { EvalBudget, type BudgetLimits } from './eval-budget.js';
import { RegoError, RegoEvalError, type Location } from './errors.js';
import { parseQuery } from './parser.js';
import { fromJSON, RegoObject, type Value } from './value.js';
import { setOwn } from '../own-properties.js';

export type { ModuleSource, CompileOptions } from './compile.js';
export type { Annotation, AnnotationScope } from './annotations.js';
export { RegoError, RegoParseError, RegoCompileError, RegoEvalError, type RegoErrorCode, type Location } from './errors.js';
export type { RegoVersion } from './parser.js';
export { parseModule, parseQuery } from './parser.js';
export { defaultHeapBudgetMb, heapSizeLimitMb } from './eval-budget.js';

export interface EvaluateOptions {
  /** The input document: a Rego value or plain JSON. Absent means `input` is undefined. */
  input?: unknown;
  /** Base data documents (plain JSON object or RegoObject), merged under `data` with the rules. */
  data?: unknown;
  /** Builtin errors halt evaluation (eval_builtin_error) instead of making the expression undefined. */
  strict?: boolean;
  /** Receives print() output lines; default: discarded. */
  print?: (line: string) => void;
  /** time.now_ns() for this evaluation; default: the current time. */
  nowNs?: bigint;
  /** Evaluation time budget in milliseconds (eval_cancel_error when exceeded). */
  timeoutMs?: number;
  /** Absolute deadline (ms since the epoch); with timeoutMs too, the earlier one holds. */
  deadline?: number;
  /** Heap budget in MB: evaluation stops with eval_cancel_error when the V8 heap grows past it. */
  memoryLimitMb?: number;
  /** Maximum nesting of rule and function evaluation (eval_recursion_error beyond it). Default 500. */
  maxDepth?: number;
}

export interface ExpressionResult {
  value: Value;
  text: string;
  location: { row: number; col: number };
}

export interface QueryResult {
  expressions: ExpressionResult[];
  bindings: Record<string, Value>;
}

/** A package-scope (or other) METADATA block with where it is. */
export interface PackageAnnotation {
  file: string;
  /** Package path without the leading `data`, e.g. ['scv', 'rules', 'acct', 'x']. */
  packagePath: string[];
  annotation: Annotation;
}

interface CompiledQuery {
  literals: Literal[];
  ordered: Literal[];
  vars: string[];
}

export class CompiledPolicy {
  private readonly queries = new Map<string, CompiledQuery>();

  constructor(
    readonly compiled: Compiled,
    private readonly options: CompileOptions,
  ) {}

  get modules(): readonly Module[] {
    return this.compiled.modules;
  }

  /** Package paths (without `data`) of every module, deduplicated, sorted. */
  packages(): string[][] {
    const seen = new Map<string, string[]>();
    for (const m of this.compiled.modules) seen.set(m.packagePath.join('.'), m.packagePath);
    return [...seen.keys()].sort().map((k) => seen.get(k)!);
  }

  /** Every METADATA block of every module (package, subpackages, rule and document scopes). */
  annotations(): PackageAnnotation[] {
    const out: PackageAnnotation[] = [];
    for (const m of this.compiled.modules) {
      for (const a of m.annotations) out.push({ file: m.file, packagePath: m.packagePath, annotation: a });
    }
    return out;
  }

  /** Evaluates a query like `opa eval`: one result per solution, with expression values and bindings. */
  evaluate(query: string, opts: EvaluateOptions = {}): QueryResult[] {
    const q = this.compileQuery(query);
    const { ev, ctx } = this.prepare(opts);
    const results: QueryResult[] = [];
    const values = new Map<Literal, Value>();
    const step = (i: number, env: Env | undefined): boolean => {
      if (i === q.ordered.length) {
        const bindings: Record<string, Value> = {};
        for (const v of q.vars) {
          const x = lookup(env, v);
          if (x !== undefined) setOwn(bindings, v, x);
        }
        results.push({
          expressions: q.literals.map((l) => ({
            value: values.has(l) ? values.get(l)! : true,
            text: l.text ?? '',
            location: { row: l.loc.row, col: l.loc.col },
          })),
          bindings,
        });
        return false;
      }
      const lit = q.ordered[i]!;
      if (lit.expr.type === 'term' && !lit.negated && lit.with.length === 0 && !isOutputCall(ev, lit)) {
        return ev.evalTerm(lit.expr.term, env, ctx, (v, e) => {
          // As in OPA, a query of one expression reports `false`; in longer queries false fails.
          if (v === false && q.literals.length > 1) return false;
          values.set(lit, v);
          return step(i + 1, e);
        });
      }
      return ev.evalLiteral(lit, env, ctx, (e) => {
        values.delete(lit);
        return step(i + 1, e);
      });
    };
    run(() => step(0, undefined));
    return results;
  }

  /** The value of `data.<path>` (undefined when the document is undefined). */
  evalRef(path: string[], opts: EvaluateOptions = {}): Value | undefined {
    const { ev, ctx } = this.prepare(opts);
    return evalDataPath(ev, ctx, path);
  }

  /**
   * An evaluation session: several references evaluated against the same documents in one
   * evaluation state, so rules shared between them are computed once, each under its own limits.
   */
  session(opts: EvaluateOptions = {}): EvalSession {
    const { ev, ctx } = this.prepare(opts);
    return {
      evalRef: (path, limits = {}) => {
        ev.opts.budget.limits = budgetLimits({ ...opts, ...limits });
        ev.depth = 0;
        return evalDataPath(ev, ctx, path);
      },
    };
  }

  private prepare(opts: EvaluateOptions): { ev: Evaluator; ctx: Context } {
    const evalOpts: EvalOptions = {
      strict: opts.strict ?? this.options.strict ?? false,
      print: opts.print ?? (() => undefined),
      nowNs: opts.nowNs ?? BigInt(Date.now()) * 1_000_000n,
      maxDepth: opts.maxDepth ?? 500,
      budget: new EvalBudget(budgetLimits(opts)),
    };
    const data = opts.data === undefined ? new RegoObject() : fromJSON(opts.data);
    if (!(data instanceof RegoObject)) throw new RegoEvalError('eval_type_error', 'data must be an object');
    if (data.size > 0) checkDataConflicts(this.compiled.tree, data);
    const input = opts.input === undefined ? undefined : fromJSON(opts.input);
    return { ev: new Evaluator(this.compiled, evalOpts), ctx: new Context(input, data, undefined, undefined) };
  }

  private compileQuery(text: string): CompiledQuery {
    const cached = this.queries.get(text);
    if (cached) return cached;
    const parsed = parseQuery(text, 'v1');
    const pseudo: Module = {
      file: '<query>',
      packagePath: [],
      packageLoc: { file: '<query>', row: 1, col: 1 },
      imports: [],
      rules: [],
      comments: [],
      regoVersion: 'v1',
      annotations: [],
    };
    const literals = new Resolver(pseudo, this.compiled.tables).body(parsed, new Set());
    const ordered = this.compiled.safety.reorder(literals, new Set(), new Set());
    const vars = new Set<string>();
    for (const v of ordered.bound) if (!v.startsWith('$')) vars.add(v);
    const q = { literals, ordered: ordered.body, vars: [...vars] };
    this.queries.set(text, q);
    return q;
  }
}

/** Limits of one evaluation within a session. */
export interface SessionLimits {
  timeoutMs?: number;
  deadline?: number;
  memoryLimitMb?: number;
}

export interface EvalSession {
  /** The value of `data.<path>` under these limits (the session's own when absent). */
  evalRef(path: string[], limits?: SessionLimits): Value | undefined;
}

function budgetLimits(opts: SessionLimits): BudgetLimits {
  const deadlines = [opts.deadline, opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : undefined].filter((d) => d !== undefined);
  return {
    ...(deadlines.length > 0 ? { deadline: Math.min(...deadlines) } : {}),
    ...(opts.memoryLimitMb !== undefined ? { heapLimitBytes: opts.memoryLimitMb * 2 ** 20 } : {}),
  };
}

function evalDataPath(ev: Evaluator, ctx: Context, path: string[]): Value | undefined {
  const loc: Location = { file: '<ref>', row: 1, col: 1 };
  let out: Value | undefined;
  run(() =>
    ev.evalDataRef(
      path.map((p) => ({ type: 'scalar', value: p, loc })),
      undefined,
      ctx,
      (v) => {
        out = v;
        return true;
      },
    ),
  );
  return out;
}

function isOutputCall(ev: Evaluator, lit: Literal): boolean {
  const t = lit.expr.type === 'term' ? lit.expr.term : undefined;
  if (t?.type !== 'call') return false;
  const a = ev.arityOf(t);
  return a !== undefined && t.args.length === a + 1;
}

function run(f: () => void): void {
  try {
    f();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new RegoEvalError('eval_recursion_error', 'evaluation nested too deeply (call stack exhausted)');
    }
    throw e;
  }
}

/** Parses and compiles modules; throws RegoError (parse, compile, unsafe-var...) naming file:line:col. */
export function compile(modules: ModuleSource[], opts: CompileOptions = {}): CompiledPolicy {
  const compiled = compileModules(modules, opts, builtinArity, REFUSED_BUILTINS);
  return new CompiledPolicy(compiled, opts);
}

export function isRegoError(e: unknown): e is RegoError {
  return e instanceof RegoError;
}
