import type { ElseClause, Import, Literal, Module, Rule, RuleHead, Term } from './ast.js';
import { lex } from './lexer.js';
import { FUTURE_KEYWORDS } from './parser-base.js';
import { TermParser } from './parser-terms.js';
import { RegoParseError } from './errors.js';

export type RegoVersion = 'v0' | 'v1';

class ModuleParser extends TermParser {
  /** Rego v1 semantics for this module: a v1 parse, or v0 with `import rego.v1`. */
  v1Semantics: boolean;

  constructor(
    tokens: ReturnType<typeof lex>['tokens'],
    file: string,
    readonly version: RegoVersion,
  ) {
    super(tokens, file);
    this.v1Semantics = version === 'v1';
    if (version === 'v1') for (const k of FUTURE_KEYWORDS) this.keywords.add(k);
  }

  parseModule(comments: Module['comments']): Module {
    if (!this.isKeyword('package')) this.fail('expecting `package`');
    const pkgTok = this.next();
    const pkgRef = this.parseTermLevel('postfix');
    const written = refToPath(pkgRef, this);
    const packagePath = written[0] === 'data' ? written.slice(1) : written;
    const imports: Import[] = [];
    while (this.isKeyword('import')) imports.push(this.parseImport());
    const rules: Rule[] = [];
    while (this.tok.kind !== 'eof') {
      if (this.isKeyword('import')) this.fail('expecting a rule (imports must come before rules)');
      rules.push(...this.parseRule());
    }
    return {
      file: this.file,
      packagePath,
      packageLoc: pkgTok.loc,
      imports,
      rules,
      comments,
      regoVersion: this.v1Semantics ? 'v1' : 'v0',
      annotations: [],
    };
  }

  private parseImport(): Import {
    const loc = this.next().loc;
    const path = this.parseTermLevel('postfix');
    const dotted = refToPath(path, this);
    let alias: string | undefined;
    if (this.acceptKeyword('as')) {
      const t = this.next();
      if (t.kind !== 'ident') this.fail('expecting an identifier after `as`', t);
      alias = t.text;
    }
    if (dotted[0] === 'future' && dotted[1] === 'keywords') {
      const which = dotted[2];
      for (const k of FUTURE_KEYWORDS) if (!which || which === k) this.keywords.add(k);
    } else if (dotted[0] === 'rego' && dotted[1] === 'v1' && dotted.length === 2) {
      for (const k of FUTURE_KEYWORDS) this.keywords.add(k);
      this.v1Semantics = true;
    } else if (dotted[0] !== 'data' && dotted[0] !== 'input' && dotted[0] !== 'future' && dotted[0] !== 'rego') {
      this.error('invalid import: path must begin with input or data', loc);
    }
    return alias === undefined ? { path, loc } : { path, alias, loc };
  }

  private parseRule(): Rule[] {
    const loc = this.tok.loc;
    const isDefault = this.acceptKeyword('default');
    const head = this.parseHead(isDefault);
    let body: Literal[] = [];
    const elses: ElseClause[] = [];
    const hasBody = this.parseBodyIntro(true);
    if (hasBody) body = hasBody;
    else if (!isDefault && head.value === undefined && head.key === undefined) {
      if (this.v1Semantics && !head.args && head.ref.length === 2) {
        this.error('`contains` keyword is required for partial set rules (rule must have a body)', loc);
      }
      if (this.v1Semantics || head.ref.length !== 1 || head.args) this.error('rule must have a body or assignment', loc);
    }
    if (isDefault && hasBody) this.error('default rules must not have a body', loc);
    const rules: Rule[] = [{ head, body, isDefault, elses, loc }];
    while (this.isKeyword('else')) {
      const eloc = this.next().loc;
      let value: Term | undefined;
      if (this.acceptPunct('=') || this.acceptPunct(':=')) value = this.parseTermLevel('in');
      const ebody = this.parseBodyIntro(false);
      elses.push(value === undefined ? { body: ebody ?? [], loc: eloc } : { value, body: ebody ?? [], loc: eloc });
    }
    // v0 allows further bodies for the same head: `p { a } { b }`.
    while (this.isPunct('{') && !this.v1Semantics) {
      rules.push({ head, body: this.parseBraceBody(), isDefault: false, elses: [], loc: this.tok.loc });
    }
    return rules;
  }

  /**
   * `if { ... }`, `if literal`, or (v0) `{ ... }`; undefined when the rule has no body. OPA tries
   * `if {` as a single literal in a rule (`inRule`), but always reads it as a body after `else`.
   */
  private parseBodyIntro(inRule: boolean): Literal[] | undefined {
    if (this.isKeyword('if')) {
      this.next();
      if (this.isPunct('{')) {
        const single = inRule ? this.tryBraceLiteral() : undefined;
        return single ? [single] : this.parseBraceBody();
      }
      return [this.parseLiteral()];
    }
    if (this.isPunct('{')) {
      if (this.v1Semantics) this.error('`if` keyword is required before rule body', this.tok.loc);
      return this.parseBraceBody();
    }
    return undefined;
  }

  /**
   * After `if`, OPA reads `{` as the start of one literal first: an object or a comprehension
   * (`p if { 1 | 1 }`, `p if { k: v | ... }`) is the body's single expression. A set literal
   * (`p if { x }`) or anything that does not parse as one term is a `{ ... }` body instead.
   */
  private tryBraceLiteral(): Literal | undefined {
    const pos = this.pos;
    const depth = this.depth;
    try {
      const lit = this.parseLiteral();
      if (!(lit.expr.type === 'term' && lit.expr.term.type === 'set')) return lit;
    } catch (e) {
      if (!(e instanceof RegoParseError)) throw e;
    }
    this.pos = pos;
    this.depth = depth;
    return undefined;
  }

  private parseHead(isDefault: boolean): RuleHead {
    const start = this.tok;
    if (start.kind !== 'ident' || this.keywords.has(start.text)) this.fail('expecting a rule name');
    const term = this.parseRuleHeadTerm();
    let ref: Term[];
    let args: Term[] | undefined;
    if (term.type === 'call') {
      ref = term.name.map((n, i) => (i === 0 ? { type: 'var' as const, name: n, loc: term.loc } : { type: 'scalar' as const, value: n, loc: term.loc }));
      args = term.args;
    } else if (term.type === 'var') ref = [term];
    else if (term.type === 'ref' && term.head.type === 'var') ref = [term.head, ...term.path];
    else return this.fail('expecting a rule head', start);
    const head: RuleHead = { ref, assign: false };
    if (args) head.args = args;
    if (this.isKeyword('contains')) {
      this.next();
      head.key = this.parseTermLevel('in');
    } else if (this.isPunct(':=') || this.isPunct('=')) {
      head.assign = this.next().text === ':=';
      head.value = this.parseTermLevel('in');
    } else if (isDefault) {
      this.fail('expecting `:=` or `=` after a default rule head');
    }
    // v0: `p[x] { ... }` is a partial set rule.
    if (!this.v1Semantics && !head.args && head.value === undefined && head.key === undefined && ref.length === 2) {
      head.key = ref[1]!;
      head.ref = [ref[0]!];
    } else if (this.v1Semantics && !head.args && head.value === undefined && head.key === undefined && ref.length > 1) {
      const last = ref[ref.length - 1]!;
      if (last.type === 'var' && this.isPunct('{')) this.error('`contains` keyword is required for partial set rules', start.loc);
    }
    return head;
  }
}

function refToPath(t: Term, p: TermParser): string[] {
  if (t.type === 'var') return [t.name];
  if (t.type === 'ref' && t.head.type === 'var') {
    const out = [t.head.name];
    for (const e of t.path) {
      if (e.type !== 'scalar' || typeof e.value !== 'string') return p.error('expecting a path of names', e.loc);
      out.push(e.value);
    }
    return out;
  }
  return p.error('expecting a path of names', t.loc);
}

/** Parses one module; throws RegoParseError naming file, line, column and what was expected. */
export function parseModule(file: string, text: string, version: RegoVersion = 'v1'): Module {
  const { tokens, comments } = lex(file, text);
  return new ModuleParser(tokens, file, version).parseModule(comments);
}

/** Parses a query: literals separated by `;` or new lines. */
export function parseQuery(text: string, version: RegoVersion = 'v1', file = '<query>'): Literal[] {
  const { tokens } = lex(file, text);
  const p = new ModuleParser(tokens, file, version);
  for (const k of FUTURE_KEYWORDS) p.keywords.add(k);
  p.source = text;
  const body = p.parseLiterals('eof');
  if (body.length === 0) throw new RegoParseError('empty query', { file, row: 1, col: 1 });
  return body;
}
