/** The built-in policies pass OPA's strict checks (`opa check --strict`): no unused variables, arguments or imports. */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/rego/index.js';
import { readPolicyFiles } from '../../src/engine/policy-files.js';
import { POLICIES } from './helpers.js';

describe('built-in policies', () => {
  it('compile in strict mode, tests included', () => {
    const files = readPolicyFiles([POLICIES]);
    expect(files.length).toBeGreaterThan(50);
    expect(() => compile(files.map((f) => ({ file: f.file, text: f.text })), { regoVersion: 'v1', strictCompile: true })).not.toThrow();
  });
});
