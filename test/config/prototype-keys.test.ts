import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { ScvGuardError } from '../../src/errors.js';
import { thrown } from '../support/thrown.js';

describe('prototype keys in the config', () => {
  it('a top-level __proto__ block is an unknown key, not config', () => {
    const message = thrown(() => parseConfig('__proto__:\n  report: { failOn: none }\n', '/x/scv-guard.yaml', { env: {} }), ScvGuardError).message;
    expect(message).toContain('__proto__: unknown key');
    expect(({} as Record<string, unknown>).report).toBeUndefined();
  });

  it('keeps __proto__ under settings as an ordinary key, touching no prototype', () => {
    const cfg = parseConfig('settings:\n  __proto__: { polluted: true }\n', '/x/scv-guard.yaml', { env: {} });
    expect(Object.keys(cfg.settings)).toEqual(['__proto__']);
    expect((cfg.settings as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
