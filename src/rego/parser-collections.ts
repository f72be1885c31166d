import type { Literal, Term } from './ast.js';
import type { TermParser } from './parser-terms.js';

/**
 * Array, set and object literals and comprehensions, resolved the way OPA's parser resolves them:
 * the first element is read as a single term (a scalar, reference, call or parenthesised
 * expression). When `|` follows it, a comprehension is tried first, so `{1 | 1}` and
 * `[(a & b) | c]` are comprehensions; when an operator follows it, the collection is re-read as a
 * list of full expressions, so `[a - b | c, d]` is an array holding the set union `(a - b) | c`.
 */

/** At `|` after a collection's first element: a comprehension body up to `close`, or undefined (position unchanged). */
function tryComprehensionBody(p: TermParser, close: string): Literal[] | undefined {
  const saved = p.pos;
  const savedDepth = p.depth;
  try {
    p.next();
    const body = p.parseLiterals(close);
    p.depth = savedDepth - 1;
    p.expectPunct(close);
    if (body.length === 0) throw new Error('empty');
    return body;
  } catch {
    p.pos = saved;
    p.depth = savedDepth;
    return undefined;
  }
}

/** Comma-separated full expressions up to `close` (a trailing comma is allowed), after `first` when given. */
function termList(p: TermParser, close: string, items: Term[]): Term[] {
  if (items.length > 0 && !p.acceptPunct(',')) return items;
  while (!p.isPunct(close)) {
    items.push(p.parseTermLevel('in'));
    if (!p.acceptPunct(',')) break;
  }
  return items;
}

export function parseArray(p: TermParser): Term {
  const loc = p.next().loc;
  p.depth++;
  if (p.acceptPunct(']')) {
    p.depth--;
    return { type: 'array', items: [], loc };
  }
  const start = p.pos;
  const head = p.parseUnary();
  let items: Term[] | undefined;
  if (p.isPunct('|')) {
    const comp = tryComprehensionBody(p, ']');
    if (comp) return { type: 'arraycomp', head, body: comp, loc };
  } else if (p.isPunct(']') || p.isPunct(',')) {
    items = termList(p, ']', [head]);
  }
  if (!items) {
    p.pos = start;
    items = termList(p, ']', []);
  }
  p.depth--;
  p.expectPunct(']', '`,` or `]`');
  return { type: 'array', items, loc };
}

export function parseBraces(p: TermParser): Term {
  const loc = p.next().loc;
  p.depth++;
  if (p.acceptPunct('}')) {
    p.depth--;
    return { type: 'object', items: [], loc };
  }
  const start = p.pos;
  let head = p.parseUnary();
  if (p.isPunct('|')) {
    const comp = tryComprehensionBody(p, '}');
    if (comp) return { type: 'setcomp', head, body: comp, loc };
    p.pos = start;
    return finishSet(p, termList(p, '}', []), loc);
  }
  if (!p.isPunct('}') && !p.isPunct(',') && !p.isPunct(':')) {
    p.pos = start;
    head = p.parseTermLevel('in');
  }
  if (p.acceptPunct(':')) return parseObjectRest(p, head, loc);
  if (!p.isPunct('}') && !p.isPunct(',')) p.fail('expecting `,`, `:` or `}`');
  return finishSet(p, termList(p, '}', [head]), loc);
}

function finishSet(p: TermParser, items: Term[], loc: Term['loc']): Term {
  p.depth--;
  p.expectPunct('}', '`,` or `}`');
  return { type: 'set', items, loc };
}

/** After `{ key :`: the first value (a comprehension when a single term is followed by `|`), then more pairs. */
function parseObjectRest(p: TermParser, key: Term, loc: Term['loc']): Term {
  const valueStart = p.pos;
  let value = p.parseUnary();
  if (p.isPunct('|')) {
    const comp = tryComprehensionBody(p, '}');
    if (comp) return { type: 'objectcomp', head: key, value, body: comp, loc };
  }
  if (!p.isPunct('}') && !p.isPunct(',')) {
    p.pos = valueStart;
    value = p.parseTermLevel('in');
  }
  const items: [Term, Term][] = [[key, value]];
  while (p.acceptPunct(',')) {
    if (p.isPunct('}')) break;
    const k = p.parseTermLevel('in');
    p.expectPunct(':');
    items.push([k, p.parseTermLevel('in')]);
  }
  p.depth--;
  p.expectPunct('}', '`,` or `}`');
  return { type: 'object', items, loc };
}
