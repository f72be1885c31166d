import { describe, expect, it } from 'vitest';
import { compile, RegoEvalError } from '../../src/rego/index.js';

/** n0 := n1 + 1, n1 := n2 + 1, ... : a chain of `depth` rules, each evaluated inside the previous. */
function chain(depth: number): string {
  const rules = Array.from({ length: depth }, (_, i) => `n${i} := n${i + 1} + 1`);
  return `package t\n${rules.join('\n')}\nn${depth} := 0\n`;
}

describe('evaluation limits', () => {
  it('stops a rule chain nested deeper than maxDepth with eval_recursion_error at the rule', () => {
    const p = compile([{ file: 'deep.rego', text: chain(20) }]);
    expect(p.evalRef(['t', 'n0'])).toBe(20);
    let err: unknown;
    try {
      p.evalRef(['t', 'n0'], { maxDepth: 5 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RegoEvalError);
    expect((err as RegoEvalError).code).toBe('eval_recursion_error');
    expect((err as RegoEvalError).message).toContain('evaluation exceeded the depth limit of 5');
    expect((err as RegoEvalError).message).toContain('deep.rego');
  });

  it('a time budget ends evaluation with eval_cancel_error; without one the same query completes', () => {
    const p = compile([{ file: 'slow.rego', text: 'package t\nn := count([x | some x in numbers.range(1, 300000)])' }]);
    expect(() => p.evalRef(['t', 'n'], { timeoutMs: 1 })).toThrow(/execution exceeded time limit/);
    expect(p.evalRef(['t', 'n'])).toBe(300000);
  });
});
