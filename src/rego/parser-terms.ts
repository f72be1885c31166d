import type { CallTerm, Expr, Literal, Location, RefTerm, Term, VarTerm, WithModifier } from './ast.js';
import { TokenCursor } from './parser-base.js';

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
    let left = this.parseTermLevel('in');
    if (this.isPunct(',') && this.depth === 0 && !this.tok.nl && this.keywords.has('in')) {
      this.next();
      const value = this.parseTermLevel('relation');
      this.expectKeyword('in');
      const coll = this.parseTermLevel('relation');
      left = call('internal.member_3', [left, value, coll], loc);
    }
    if (this.isInfix(':=')) {
      this.next();
      return { type: 'assign', left, right: this.parseTermLevel('in'), loc };
    }
    if (this.isInfix('=')) {
      this.next();
      return { type: 'unify', left, right: this.parseTermLevel('in'), loc };
    }
    return { type: 'term', term: left, loc };
  }

  // ---- terms by precedence ----

  parseTermLevel(level: 'in' | 'relation' | 'postfix', noOr = false): Term {
    if (level === 'postfix') return this.parsePostfix();
    if (level === 'relation') return this.parseRelation(noOr);
    let left = this.parseRelation(noOr);
    while (this.isKeyword('in') && (this.depth > 0 || !this.tok.nl)) {
      const loc = this.next().loc;
      left = call('internal.member_2', [left, this.parseRelation(noOr)], loc);
    }
    return left;
  }

  private parseRelation(noOr: boolean): Term {
    let left = this.parseOr(noOr);
    for (;;) {
      const op = this.tok.kind === 'punct' ? RELATION_OPS[this.tok.text] : undefined;
      if (!op || !this.isInfix(this.tok.text)) return left;
      const loc = this.next().loc;
      left = call(op, [left, this.parseOr(noOr)], loc);
    }
  }

  private parseOr(noOr: boolean): Term {
    let left = this.parseAnd();
    while (!noOr && this.isInfix('|')) {
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

  private parseUnary(): Term {
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

  private parsePostfixOps(start: Term): Term {
    let term = start;
    for (;;) {
      const t = this.tok;
      if (this.isPunct('.') && !t.ws) {
        this.next();
        const id = this.tok;
        if (id.kind !== 'ident') this.fail('expecting an identifier after `.`');
        if (id.ws) this.error('invalid whitespace between . and identifier', id.loc);
        this.next();
        term = appendRef(term, { type: 'scalar', value: id.text, loc: id.loc });
      } else if (this.isPunct('[') && !t.ws) {
        this.next();
        this.depth++;
        const key = this.parseTermLevel('in');
        this.depth--;
        this.expectPunct(']');
        term = appendRef(term, key);
      } else if (this.isPunct('(') && !t.ws && callName(term)) {
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
        if (t.text === '[') return this.parseArray();
        if (t.text === '{') return this.parseBraces();
        break;
      default:
        break;
    }
    return this.fail('expecting a term');
  }

  /**
   * At `|` after a collection's first element: parses a comprehension body up to `close`. Returns
   * undefined (position unchanged by the caller) when it is not one, e.g. `[a | b, c]` is an array
   * holding the set union `a | b`.
   */
  private tryComprehensionBody(close: string): Literal[] | undefined {
    const saved = this.pos;
    const savedDepth = this.depth;
    try {
      this.next();
      const body = this.parseLiterals(close);
      this.depth = savedDepth - 1;
      this.expectPunct(close);
      if (body.length === 0) throw new Error('empty');
      return body;
    } catch {
      this.pos = saved;
      this.depth = savedDepth;
      return undefined;
    }
  }

  private parseArray(): Term {
    const loc = this.next().loc;
    this.depth++;
    if (this.acceptPunct(']')) {
      this.depth--;
      return { type: 'array', items: [], loc };
    }
    const start = this.pos;
    let first = this.parseTermLevel('in', true);
    if (this.isPunct('|')) {
      const comp = this.tryComprehensionBody(']');
      if (comp) return { type: 'arraycomp', head: first, body: comp, loc };
      this.pos = start;
      first = this.parseTermLevel('in');
    }
    const items = [first];
    while (this.acceptPunct(',')) {
      if (this.isPunct(']')) break;
      items.push(this.parseTermLevel('in'));
    }
    this.depth--;
    this.expectPunct(']', '`,` or `]`');
    return { type: 'array', items, loc };
  }

  private parseBraces(): Term {
    const loc = this.next().loc;
    this.depth++;
    if (this.acceptPunct('}')) {
      this.depth--;
      return { type: 'object', items: [], loc };
    }
    const start = this.pos;
    let first = this.parseTermLevel('in', true);
    if (this.acceptPunct(':')) {
      const valueStart = this.pos;
      let value = this.parseTermLevel('in', true);
      if (this.isPunct('|')) {
        const comp = this.tryComprehensionBody('}');
        if (comp) return { type: 'objectcomp', head: first, value, body: comp, loc };
        this.pos = valueStart;
        value = this.parseTermLevel('in');
      }
      const items: [Term, Term][] = [[first, value]];
      while (this.acceptPunct(',')) {
        if (this.isPunct('}')) break;
        const k = this.parseTermLevel('in');
        this.expectPunct(':');
        items.push([k, this.parseTermLevel('in')]);
      }
      this.depth--;
      this.expectPunct('}', '`,` or `}`');
      return { type: 'object', items, loc };
    }
    if (this.isPunct('|')) {
      const comp = this.tryComprehensionBody('}');
      if (comp) return { type: 'setcomp', head: first, body: comp, loc };
      this.pos = start;
      first = this.parseTermLevel('in');
    }
    const items = [first];
    while (this.acceptPunct(',')) {
      if (this.isPunct('}')) break;
      items.push(this.parseTermLevel('in'));
    }
    this.depth--;
    this.expectPunct('}', '`,` or `}`');
    return { type: 'set', items, loc };
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
