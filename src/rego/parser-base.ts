import type { Location } from './errors.js';
import { RegoParseError } from './errors.js';
import type { Token } from './lexer.js';

/** Keywords that OPA 1.x (and v0 with `future.keywords`/`rego.v1`) reserves. */
export const FUTURE_KEYWORDS = ['in', 'every', 'contains', 'if'] as const;
export const ALWAYS_KEYWORDS = new Set(['package', 'import', 'as', 'default', 'else', 'not', 'with', 'some', 'true', 'false', 'null']);

/** Token cursor and helpers shared by the term and module parsers. */
export class TokenCursor {
  pos = 0;
  /** Inside (), [] or a collection literal: newlines do not end an expression. */
  depth = 0;
  readonly keywords = new Set<string>(ALWAYS_KEYWORDS);

  constructor(
    readonly tokens: Token[],
    readonly file: string,
  ) {}

  get tok(): Token {
    return this.tokens[this.pos]!;
  }

  peek(n = 1): Token {
    return this.tokens[Math.min(this.pos + n, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.tok;
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  isPunct(text: string, t: Token = this.tok): boolean {
    return t.kind === 'punct' && t.text === text;
  }

  isKeyword(word: string, t: Token = this.tok): boolean {
    return t.kind === 'ident' && t.text === word && this.keywords.has(word);
  }

  /** An infix operator continues the expression unless a newline precedes it outside brackets. */
  isInfix(text: string): boolean {
    return this.isPunct(text) && (this.depth > 0 || !this.tok.nl);
  }

  acceptPunct(text: string): boolean {
    if (this.isPunct(text)) {
      this.pos++;
      return true;
    }
    return false;
  }

  acceptKeyword(word: string): boolean {
    if (this.isKeyword(word)) {
      this.pos++;
      return true;
    }
    return false;
  }

  expectPunct(text: string, what?: string): Token {
    if (!this.isPunct(text)) this.fail(`expecting ${what ?? '`' + text + '`'}`);
    return this.next();
  }

  expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) this.fail(`expecting \`${word}\``);
    return this.next();
  }

  describe(t: Token = this.tok): string {
    switch (t.kind) {
      case 'eof':
        return 'end of file';
      case 'string':
        return `string ${JSON.stringify(t.text)}`;
      case 'ident':
        return this.keywords.has(t.text) ? `keyword \`${t.text}\`` : `identifier \`${t.text}\``;
      default:
        return `\`${t.text}\``;
    }
  }

  fail(expected: string, t: Token = this.tok): never {
    throw new RegoParseError(`unexpected ${this.describe(t)}: ${expected}`, t.loc);
  }

  error(message: string, loc: Location): never {
    throw new RegoParseError(message, loc);
  }
}
