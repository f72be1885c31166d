import { RegoParseError, type Location } from './errors.js';
import type { Comment } from './ast.js';

export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier name, punctuation text, the decoded string, or the number's source text. */
  text: string;
  loc: Location;
  /** A newline separates this token from the previous one. */
  nl: boolean;
  /** Whitespace or a comment separates this token from the previous one. */
  ws: boolean;
  /** Offsets into the source. */
  start: number;
  end: number;
}

const PUNCT3 = [':=', '==', '!=', '<=', '>='];
const PUNCT1 = '{}[]().,;:=<>+-*/%|&';

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
}

/** Splits Rego source into tokens, keeping line and column (1-based, in characters) of each. */
export function lex(file: string, src: string): LexResult {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let i = 0;
  let row = 1;
  let lineStart = 0;
  let nl = false;
  let ws = false;
  const loc = (at: number): Location => ({ file, row, col: at - lineStart + 1 });
  const fail = (msg: string, at: number): never => {
    throw new RegoParseError(msg, loc(at));
  };
  const push = (kind: TokenKind, text: string, start: number): void => {
    tokens.push({ kind, text, loc: loc(start), nl, ws, start, end: i });
    nl = false;
    ws = false;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      i++;
      row++;
      lineStart = i;
      nl = true;
      ws = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      ws = true;
      continue;
    }
    if (c === '#') {
      const start = i;
      while (i < src.length && src[i] !== '\n') i++;
      comments.push({ text: src.slice(start + 1, i).replace(/\r$/, ''), loc: loc(start) });
      ws = true;
      continue;
    }
    const start = i;
    if (isIdentStart(src.charCodeAt(i))) {
      while (i < src.length && isIdentPart(src.charCodeAt(i))) i++;
      push('ident', src.slice(start, i), start);
      continue;
    }
    if (isDigit(src.charCodeAt(i))) {
      while (i < src.length && isDigit(src.charCodeAt(i))) i++;
      if (src[i] === '.' && /[0-9]/.test(src[i + 1] ?? '')) {
        i++;
        while (i < src.length && /[0-9]/.test(src[i]!)) i++;
      }
      if (src[i] === 'e' || src[i] === 'E') {
        let j = i + 1;
        if (src[j] === '+' || src[j] === '-') j++;
        if (/[0-9]/.test(src[j] ?? '')) {
          i = j;
          while (i < src.length && /[0-9]/.test(src[i]!)) i++;
        }
      }
      if (/[A-Za-z_]/.test(src[i] ?? '')) fail(`unexpected character ${JSON.stringify(src[i])} after number`, i);
      push('number', src.slice(start, i), start);
      continue;
    }
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\') i++;
        if (src[i] === '\n') fail('unterminated string: expected closing "', start);
        i++;
      }
      if (i >= src.length) fail('unterminated string: expected closing "', start);
      i++;
      let text: string;
      try {
        text = JSON.parse(src.slice(start, i)) as string;
      } catch {
        fail('invalid escape sequence in string', start);
      }
      push('string', text!, start);
      continue;
    }
    if (c === '`') {
      const startLoc = loc(start);
      i++;
      while (i < src.length && src[i] !== '`') {
        if (src[i] === '\n') {
          row++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= src.length) fail('unterminated raw string: expected closing `', start);
      i++;
      tokens.push({ kind: 'string', text: src.slice(start + 1, i - 1), loc: startLoc, nl, ws, start, end: i });
      nl = false;
      ws = false;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (PUNCT3.includes(two)) {
      i += 2;
      push('punct', two, start);
      continue;
    }
    if (PUNCT1.includes(c)) {
      i++;
      push('punct', c, start);
      continue;
    }
    fail(`unexpected character ${JSON.stringify(c)}`, i);
  }
  tokens.push({ kind: 'eof', text: '', loc: loc(i), nl: true, ws: true, start: i, end: i });
  return { tokens, comments };
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}
