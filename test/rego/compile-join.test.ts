import { describe, expect, it } from 'vitest';
import { compile } from '../../src/rego/index.js';
import { toJSON } from '../../src/rego/value.js';

const input = {
  accounts: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }],
  orgs: [
    { id: 'o1', acct: 'a1' },
    { id: 'o2', acct: 'a2' },
    { id: 'o3', acct: 'a1' },
    { id: 'o4' },
    { id: 'o5', acct: 'a9' },
  ],
};

describe('hash joins', () => {
  it('plans a join for `some x in <document>` filtered by an equality on an already bound term', () => {
    const p = compile([
      {
        file: 'j.rego',
        text: `package test
pairs contains [a.id, o.id] if {
  some a in input.accounts
  some o in input.orgs
  o.acct == a.id
}`,
      },
    ]);
    const body = p.modules[0]!.rules[0]!.body;
    const planned = body.filter((l) => l.join);
    expect(planned).toHaveLength(1);
    expect(planned[0]!.join!.path).toEqual(['acct']);
    expect(toJSON(p.evalRef(['test', 'pairs'], { input })!)).toEqual([
      ['a1', 'o1'],
      ['a1', 'o3'],
      ['a2', 'o2'],
    ]);
  });

  it('gives the same results, in the same order, as a full scan', () => {
    const joined = `package test
r := [[i, o.id] | some a in input.accounts; some i, o in input.orgs; a.id == o.acct]`;
    const scanned = `package test
r := [[i, o.id] | orgs := input.orgs; some a in input.accounts; some i, o in orgs; a.id == o.acct]`;
    const j = compile([{ file: 'j.rego', text: joined }]);
    const s = compile([{ file: 's.rego', text: scanned }]);
    expect(toJSON(j.evalRef(['test', 'r'], { input })!)).toEqual(toJSON(s.evalRef(['test', 'r'], { input })!));
    expect(toJSON(j.evalRef(['test', 'r'], { input })!)).toEqual([
      [0, 'o1'],
      [2, 'o3'],
      [1, 'o2'],
    ]);
  });
});
