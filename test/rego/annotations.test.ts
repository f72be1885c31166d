import { describe, expect, it } from 'vitest';
import { compile, RegoParseError } from '../../src/rego/index.js';

const MODULE = `# METADATA
# title: Orphaned account
# description: An account no org uses.
# related_resources:
#   - ref: https://example.com/guide
#     description: guide
# custom:
#   id: SCV-ACCT-001
#   severity: high
package scv.rules.accounts.orphaned

import rego.v1

# METADATA
# title: deny rule
deny contains "x" if true
`;

describe('METADATA annotations', () => {
  it('exposes package and rule blocks with file and line', () => {
    const p = compile([{ file: 'policies/accounts/orphaned.rego', text: MODULE }]);
    const anns = p.annotations();
    expect(anns.map((a) => [a.annotation.scope, a.annotation.location.row, a.file])).toEqual([
      ['package', 1, 'policies/accounts/orphaned.rego'],
      ['rule', 14, 'policies/accounts/orphaned.rego'],
    ]);
    const pkg = anns[0]!.annotation;
    expect(pkg.title).toBe('Orphaned account');
    expect(pkg.custom).toEqual({ id: 'SCV-ACCT-001', severity: 'high' });
    expect(pkg.related_resources).toEqual([{ ref: 'https://example.com/guide', description: 'guide' }]);
    expect(anns[0]!.packagePath).toEqual(['scv', 'rules', 'accounts', 'orphaned']);
  });

  it('gives policies the chain from rule to package', () => {
    const p = compile([
      {
        file: 'a.rego',
        text: MODULE + 'chain := rego.metadata.chain() if true\n',
      },
    ]);
    const chain = p.evalRef(['scv', 'rules', 'accounts', 'orphaned', 'chain']);
    expect(Array.isArray(chain) && chain.length).toBe(2);
  });

  it('rejects malformed blocks with their location', () => {
    const bad = '# METADATA\n# title: [unclosed\npackage x\n';
    expect(() => compile([{ file: 'b.rego', text: bad }])).toThrowError(RegoParseError);
    expect(() => compile([{ file: 'b.rego', text: '# METADATA\n# colour: red\npackage x\n' }])).toThrow(/b\.rego:1:1: .*unknown key "colour"/);
  });
});
