import type { CallTerm, Expr, Literal, Location, RefTerm, Term, VarTerm, WithModifier } from './ast.js';
import { RegoParseError } from './errors.js';
import { TokenCursor } from './parser-base.js';
import { parseArray, parseBraces } from './parser-collections.js';

const RELATION_OPS: Record<string, string> = { '==': 'equal', '!=': 'neq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
const ARITH_OPS: Record<string, string> = { '+': 'plus', '-': 'minus' };
const FACTOR_OPS: Record<string, string> = { '*': 'mul', '/': 'div', '%': 'rem' };

export function call(name: string, args: Term[], loc: Location): CallTerm {
  return { type: 'call', name: name.split('.'), args, loc };
}

/** Terms, expressions, literals and bodies (OPA's precedence: in < relation < | < & < +- < * / %). */
export class TermParser extends TokenCursor {
  /** Source text, when literal texts should be kept (queries). */
  source: string | undefined;

  // ---- bodies and literals ----

  /** `{ literal (; | newline) literal ... }` */
  parseBraceBody(): Literal[] {
    const open = this.expectPunct('{');
    const body = this.parseLiterals('}');
    this.expectPunct('}');
    if (body.length === 0) this.error('found empty body', open.loc);
    return body;
  }

  /** Literals up to (not including) the closing punctuation, or to end of file when `close` is 'eof'. */
  parseLiterals(close: string): Literal[] {
    const saved = this.depth;
    this.depth = 0;
    const out: Literal[] = [];
    while (!(close === 'eof' ? this.tok.kind === 'eof' : this.isPunct(close))) {
      if (this.acceptPunct(';')) continue;
      if (this.tok.kind === 'eof') this.fail(`expecting \`${close}\``);
      if (out.length > 0 && !this.tok.nl && !this.isPunct(';', this.tokens[this.pos - 1])) {
        this.fail(close === 'eof' ? 'expecting EOF' : `expecting \`${close}\` or a new line`);
      }
      const first = this.tok;
      const lit = this.parseLiteral();
      if (this.source !== undefined) lit.text = this.source.slice(first.start, this.tokens[this.pos - 1]!.end);
      out.push(lit);
    }
    this.depth = saved;
    return out;
  }

  parseLiteral(): Literal {
    const loc = this.tok.loc;
    let negated = false;
    let expr: Expr;
    if (this.isKeyword('some')) expr = this.parseSome();
    else if (this.isKeyword('every')) expr = this.parseEvery();
    else {
      negated = this.acceptKeyword('not');
      expr = this.parseExpr();
    }
    const withs: WithModifier[] = [];
    while (this.isKeyword('with')) {
      const wloc = this.next().loc;
      const target = this.parseTermLevel('postfix');
      this.expectKeyword('as');
      const value = this.parseTermLevel('in');
      withs.push({ target, value, loc: wloc });
    }
    return { expr, negated, with: withs, loc };
  }

  private parseSome(): Expr {
    const loc = this.next().loc;
    const terms: Term[] = [this.parseTermLevel('relation')];
    while (this.isPunct(',') && !this.tok.nl) {
      this.next();
      terms.push(this.parseTermLevel('relation'));
    }
    if (this.acceptKeyword('in')) {
      if (terms.length > 2) this.error('`some` takes at most a key and a value before `in`', loc);
      const collection = this.parseTermLevel('relation');
      return terms.length === 2
        ? { type: 'somein', key: terms[0]!, value: terms[1]!, collection, loc }
        : { type: 'somein', value: terms[0]!, collection, loc };
    }
    // `some x in xs` parsed as a membership call when `in` is a keyword.
    if (terms.length === 1 && terms[0]!.type === 'call' && terms[0]!.name.join('.').startsWith('internal.member_')) {
      const args = terms[0]!.args;
      return args.length === 3
        ? { type: 'somein', key: args[0]!, value: args[1]!, collection: args[2]!, loc }
        : { type: 'somein', value: args[0]!, collection: args[1]!, loc };
    }
    const vars: VarTerm[] = [];
    for (const t of terms) {
      if (t.type !== 'var' || this.keywords.has(t.name)) this.error('expecting variables after `some`', t.loc);
      vars.push(t);
    }
    return { type: 'some', vars, loc };
  }

  private parseEvery(): Expr {
    const loc = this.next().loc;
    const first = this.parseTermLevel('relation');
    let key: Term | undefined;
    let value = first;
    if (this.acceptPunct(',')) {
      key = first;
      value = this.parseTermLevel('relation');
    }
    this.expectKeyword('in');
    const collection = this.parseTermLevel('relation');
    const body = this.parseBraceBody();
    return key ? { type: 'every', key, value, collection, body, loc } : { type: 'every', value, collection, body, loc };
  }

  /** term [(= | :=) term], with the `k, v in xs` membership form at the top. */
  parseExpr(): Expr {
    const loc = this.tok.loc;
    const left = this.parseExprSide();
    if (this.isInfix(':=')) {
      this.next();
      return { type: 'assign', left, right: this.parseExprSide(), loc };
    }
    if (this.isInfix('=')) {
      this.next();
      return { type: 'unify', left, right: this.parseExprSide(), loc };
    }
    return { type: 'term', term: left, loc };
  }

  /** One side of an expression: a term, or `k, v in xs` (on either side of `:=` / `=`, as in OPA). */
  private parseExprSide(): Term {
    const loc = this.tok.loc;
    let left = this.parseTermLevel('in');
    if (!(this.isPunct(',') && !this.tok.nl && this.keywords.has('in'))) return left;
    const comma = this.pos;
    const depth = this.depth;
    try {
      this.next();
      const value = this.parseTermLevel('relation');
      this.expectKeyword('in');
      left = call('internal.member_3', [left, value, this.parseTermLevel('relation')], loc);
    } catch (e) {
      if (!(e instanceof RegoParseError)) throw e;
      this.pos = comma;
      this.depth = depth;
      return left;
    }
    while (this.isKeyword('in') && (this.depth > 0 || !this.tok.nl)) {
      const inLoc = this.next().loc;
      left = call('internal.member_2', [left, this.parseTermLevel('relation')], inLoc);
    }
    return left;
  }

  // ---- terms by precedence ----

  parseTermLevel(level: 'in' | 'relation' | 'postfix'): Term {
    if (level === 'postfix') return this.parsePostfix();
    if (level === 'relation') return this.parseRelation();
    let left = this.parseRelation();
    while (this.isKeyword('in') && (this.depth > 0 || !this.tok.nl)) {
      const loc = this.next().loc;
      left = call('internal.member_2', [left, this.parseRelation()], loc);
    }
    return left;
  }

  private parseRelation(): Term {
    let left = this.parseOr();
    for (;;) {
      const op = this.tok.kind === 'punct' ? RELATION_OPS[this.tok.text] : undefined;
      if (!op || !this.isInfix(this.tok.text)) return left;
      const loc = this.next().loc;
      left = call(op, [left, this.parseOr()], loc);
    }
  }

  private parseOr(): Term {
    let left = this.parseAnd();
    while (this.isInfix('|')) {
      const loc = this.next().loc;
      left = call('or', [left, this.parseAnd()], loc);
    }
    return left;
  }

  private parseAnd(): Term {
    let left = this.parseArith();
    while (this.isInfix('&')) {
      const loc = this.next().loc;
      left = call('and', [left, this.parseArith()], loc);
    }
    return left;
  }

  private parseArith(): Term {
    let left = this.parseFactor();
    for (;;) {
      const op = this.tok.kind === 'punct' ? ARITH_OPS[this.tok.text] : undefined;
      if (!op || !this.isInfix(this.tok.text)) return left;
      const loc = this.next().loc;
      left = call(op, [left, this.parseFactor()], loc);
    }
  }

  private parseFactor(): Term {
    let left = this.parseUnary();
    for (;;) {
      const op = this.tok.kind === 'punct' ? FACTOR_OPS[this.tok.text] : undefined;
      if (!op || !this.isInfix(this.tok.text)) return left;
      const loc = this.next().loc;
      left = call(op, [left, this.parseUnary()], loc);
    }
  }

  parseUnary(): Term {
    if (this.isPunct('-')) {
      const minus = this.next();
      const t = this.tok;
      if (t.kind === 'number') {
        this.next();
        return this.parsePostfixOps({ type: 'scalar', value: -Number(t.text), loc: minus.loc });
      }
      this.error('unary - can only be used with numeric literals', minus.loc);
    }
    return this.parsePostfix();
  }

  private parsePostfix(): Term {
    return this.parsePostfixOps(this.parsePrimary());
  }

  /**
   * A rule head's name and ref: as in OPA, whitespace may separate the name from its first `(`,
   * `[` or `.` (`sum (a, b) := c`), but not the later parts.
   */
  parseRuleHeadTerm(): Term {
    return this.parsePostfixOps(this.parsePrimary(), !this.peek().nl);
  }

  private parsePostfixOps(start: Term, firstMayFollowSpace = false): Term {
    let term = start;
    for (let first = true; ; first = false) {
      const t = this.tok;
      const adjacent = !t.ws || (first && firstMayFollowSpace);
      if (this.isPunct('.') && adjacent) {
        this.next();
        const id = this.tok;
        if (id.kind !== 'ident') this.fail('expecting an identifier after `.`');
        if (id.ws) this.error('invalid whitespace between . and identifier', id.loc);
        this.next();
        term = appendRef(term, { type: 'scalar', value: id.text, loc: id.loc });
      } else if (this.isPunct('[') && adjacent) {
        this.next();
        this.depth++;
        const key = this.parseTermLevel('in');
        this.depth--;
        this.expectPunct(']');
        term = appendRef(term, key);
      } else if (this.isPunct('(') && adjacent && callName(term)) {
        this.next();
        this.depth++;
        const args: Term[] = [];
        while (!this.isPunct(')')) {
          args.push(this.parseTermLevel('in'));
          if (!this.acceptPunct(',')) break;
        }
        this.depth--;
        this.expectPunct(')');
        term = { type: 'call', name: callName(term)!, args, loc: term.loc };
      } else {
        return term;
      }
    }
  }

  /**
   * Collections parsed so far, by the position of their opening bracket. Reading a collection's
   * first element twice (as one term, then as an expression) would otherwise cost 2^depth for
   * nested collections; a collection at a given position always parses the same way.
   */
  private readonly collections = new Map<number, { term: Term; end: number }>();

  private parseCollection(open: '[' | '{'): Term {
    const start = this.pos;
    const seen = this.collections.get(start);
    if (seen) {
      this.pos = seen.end;
      return seen.term;
    }
    const term = open === '[' ? parseArray(this) : parseBraces(this);
    this.collections.set(start, { term, end: this.pos });
    return term;
  }

  private parsePrimary(): Term {
    const t = this.tok;
    const loc = t.loc;
    switch (t.kind) {
      case 'number': {
        this.next();
        return { type: 'scalar', value: Number(t.text), loc };
      }
      case 'string':
        this.next();
        return { type: 'scalar', value: t.text, loc };
      case 'ident': {
        if (t.text === 'true' || t.text === 'false') {
          this.next();
          return { type: 'scalar', value: t.text === 'true', loc };
        }
        if (t.text === 'null') {
          this.next();
          return { type: 'scalar', value: null, loc };
        }
        if (t.text === 'set' && this.isPunct('(', this.peek()) && this.isPunct(')', this.peek(2))) {
          this.pos += 3;
          return { type: 'set', items: [], loc };
        }
        // `contains` is a keyword only in a rule head after the rule's ref (`p contains x if ...`);
        // as a term it is the builtin's name or a variable, as in OPA.
        if (this.keywords.has(t.text) && t.text !== 'contains') this.fail('expecting a term');
        this.next();
        return { type: 'var', name: t.text, loc };
      }
      case 'punct':
        if (t.text === '(') {
          this.next();
          this.depth++;
          const inner = this.parseTermLevel('in');
          this.depth--;
          this.expectPunct(')');
          return inner;
        }
        if (t.text === '[' || t.text === '{') return this.parseCollection(t.text);
        break;
      default:
        break;
    }
    return this.fail('expecting a term');
  }
}

function appendRef(term: Term, key: Term): RefTerm {
  if (term.type === 'ref') return { ...term, path: [...term.path, key] };
  return { type: 'ref', head: term, path: [key], loc: term.loc };
}

/** `f`, `a.b.c` → the dotted name of a call; other terms cannot be called. */
export function callName(term: Term): string[] | undefined {
  if (term.type === 'var') return [term.name];
  if (term.type === 'ref' && term.head.type === 'var') {
    const out = [term.head.name];
    for (const p of term.path) {
      if (p.type !== 'scalar' || typeof p.value !== 'string') return undefined;
      out.push(p.value);
    }
    return out;
  }
  return undefined;
}
