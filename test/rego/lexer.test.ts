import { describe, expect, it } from 'vitest';
import { lex } from '../../src/rego/lexer.js';
import { RegoParseError } from '../../src/rego/errors.js';

describe('lex', () => {
  it('produces tokens with line and column and newline flags', () => {
    const { tokens } = lex('a.rego', 'package x\n  p := 1.5e2 # note\n');
    const texts = tokens.map((t) => `${t.kind}:${t.text}@${t.loc.row}:${t.loc.col}${t.nl ? '^' : ''}`);
    expect(texts).toEqual(['ident:package@1:1', 'ident:x@1:9', 'ident:p@2:3^', 'punct::=@2:5', 'number:1.5e2@2:8', 'eof:@3:1^']);
  });

  it('decodes string escapes and keeps raw strings verbatim', () => {
    const { tokens } = lex('a.rego', '"a\\n\\u0041" `x\\ny`');
    expect(tokens[0]!.text).toBe('a\nA');
    expect(tokens[1]!.text).toBe('x\\ny');
  });

  it('collects comments with their location', () => {
    const { comments } = lex('a.rego', 'x\n# METADATA\n# title: t');
    expect(comments).toEqual([
      { text: ' METADATA', loc: { file: 'a.rego', row: 2, col: 1 } },
      { text: ' title: t', loc: { file: 'a.rego', row: 3, col: 1 } },
    ]);
  });

  it('reports an unterminated string with its location', () => {
    expect(() => lex('b.rego', 'p := "abc\n')).toThrowError(RegoParseError);
    try {
      lex('b.rego', 'p := "abc\n');
    } catch (e) {
      expect((e as RegoParseError).location).toEqual({ file: 'b.rego', row: 1, col: 6 });
    }
  });
});
