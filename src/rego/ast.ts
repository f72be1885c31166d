import type { Location } from './errors.js';
import type { Value } from './value.js';

export type { Location };

interface Base {
  loc: Location;
}

export interface ScalarTerm extends Base {
  type: 'scalar';
  value: null | boolean | number | string;
}
export interface VarTerm extends Base {
  type: 'var';
  name: string;
}
/** `head.path[0][path[1]]...`; `.name` path elements are string scalars. */
export interface RefTerm extends Base {
  type: 'ref';
  head: Term;
  path: Term[];
}
export interface ArrayTerm extends Base {
  type: 'array';
  items: Term[];
}
export interface SetTerm extends Base {
  type: 'set';
  items: Term[];
}
export interface ObjectTerm extends Base {
  type: 'object';
  items: [Term, Term][];
}
export interface CallTerm extends Base {
  type: 'call';
  /** Dotted name as written (`count`, `strings.any_prefix_match`, `data.x.f`, an import alias...). */
  name: string[];
  args: Term[];
  /** Set by the compiler: a builtin, or the data path of a user function. */
  target?: FunctionTarget;
  /** The target's arity, set on first evaluation (null: unknown). */
  arity?: number | null;
}
export interface ComprehensionTerm extends Base {
  type: 'arraycomp' | 'setcomp' | 'objectcomp';
  head: Term;
  /** Only for objectcomp: the value term (head is the key). */
  value?: Term;
  body: Literal[];
  /** Set by the compiler (see compile-index.ts). */
  index?: ComprehensionIndex;
  id?: number;
  /** Set by the compiler: the body reads no outer variable, so one value serves the whole evaluation. */
  closed?: boolean;
}
/** A value already computed (used by the compiler for constant folding and `with`). */
export interface ValueTerm extends Base {
  type: 'value';
  value: Value;
}

export type Term = ScalarTerm | VarTerm | RefTerm | ArrayTerm | SetTerm | ObjectTerm | CallTerm | ComprehensionTerm | ValueTerm;

/** Built by the compiler for a comprehension that can be built once as a map. */
export interface ComprehensionIndex {
  /** Terms over outer variables whose values select the entry. */
  keys: Term[];
  /** Fresh variable names bound by the rewritten body, one per key. */
  keyVars: string[];
  /** The rewritten body, evaluated with no outer variables bound. */
  body: Literal[];
}

export type FunctionTarget = { kind: 'builtin'; name: string } | { kind: 'function'; path: string[]; /** path joined with '.', set on first use */ key?: string };

export interface WithModifier {
  target: Term;
  value: Term;
  loc: Location;
  /** Set by the compiler: what is replaced. */
  resolved?: { kind: 'input' | 'data'; path: string[] } | FunctionTarget;
  /** Set by the compiler when the replacement is a function or builtin rather than a value. */
  valueFn?: FunctionTarget;
}

export type Expr =
  | { type: 'term'; term: Term; loc: Location }
  | { type: 'unify'; left: Term; right: Term; loc: Location }
  | { type: 'assign'; left: Term; right: Term; loc: Location }
  | { type: 'some'; vars: VarTerm[]; loc: Location }
  | { type: 'somein'; key?: Term; value: Term; collection: Term; loc: Location }
  | { type: 'every'; key?: Term; value: Term; collection: Term; body: Literal[]; loc: Location };

export interface Literal {
  /** Source text (kept for queries, whose results echo it). */
  text?: string;
  /** Set by the compiler on `some x in <document>`: visit only elements whose `path` equals `probe` (compile-join.ts). */
  join?: { path: string[]; probe: Term; /** cache key of the join's index, set on first use */ key?: string };
  expr: Expr;
  negated: boolean;
  with: WithModifier[];
  loc: Location;
}

export type RuleKind = 'complete' | 'set' | 'object' | 'function';

export interface RuleHead {
  /** The ref as written, e.g. [var p] or [var a, "b", var x]. */
  ref: Term[];
  args?: Term[];
  /** `contains x` (set rules) or the key of a v0 `p[x]` set rule. */
  key?: Term;
  value?: Term;
  assign: boolean;
}

export interface ElseClause {
  value?: Term;
  body: Literal[];
  loc: Location;
}

export interface Rule {
  head: RuleHead;
  body: Literal[];
  isDefault: boolean;
  elses: ElseClause[];
  loc: Location;
  /** Filled by the compiler. */
  kind?: RuleKind;
  /** Full data path of the static prefix of the head ref, e.g. ['scv','rules','x','deny']. */
  path?: string[];
  /** Dynamic head ref keys after the static prefix (object rules, general ref heads). */
  dynamicKeys?: Term[];
  module?: Module;
  annotations?: import('./annotations.js').Annotation[];
}

export interface Import {
  path: Term;
  alias?: string;
  loc: Location;
}

export interface Comment {
  text: string;
  loc: Location;
}

export interface Module {
  file: string;
  packagePath: string[];
  packageLoc: Location;
  imports: Import[];
  rules: Rule[];
  comments: Comment[];
  regoVersion: 'v0' | 'v1';
  annotations: import('./annotations.js').Annotation[];
}
