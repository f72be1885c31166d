import { describe, expect, it } from 'vitest';
import { checkSettings } from '../../src/engine/settings.js';
import { ScvGuardError } from '../../src/errors.js';
import { thrown } from '../support/thrown.js';

const defaults = { multiOrg: [], nonProductionPhoneNumberAllowance: 1 };

function errorOf(settings: Record<string, unknown>): string {
  const err = thrown(() => checkSettings(settings, defaults), ScvGuardError);
  return err.message;
}

describe('settings.multiOrg', () => {
  it('accepts groups of org ids with their accounts and instance ARNs', () => {
    expect(() =>
      checkSettings(
        {
          multiOrg: [
            { orgs: ['00D5g000004AbCdEAK', '00D7z000000UaTa'], accounts: ['111111111111'], instances: ['arn:aws:connect:us-east-1:111111111111:instance/abc'] },
          ],
        },
        defaults,
      ),
    ).not.toThrow();
  });

  it('names the path of a wrong group, key or id', () => {
    expect(errorOf({ multiOrg: 'yes' })).toContain('settings.multiOrg: expected a list');
    expect(errorOf({ multiOrg: [{ orgs: ['00D5g000004AbCdEAK'] }] })).toContain('settings.multiOrg[0].orgs: expected a list of two or more');
    expect(errorOf({ multiOrg: [{ orgs: ['00D5g000004AbCdEAK', '00D7z000000UaTaEAC'], account: ['111111111111'] }] })).toContain('settings.multiOrg[0].account: unknown key');
    expect(errorOf({ multiOrg: [{ orgs: ['00D5g000004AbCdEAK', '00D7z000000UaTaEAC'], accounts: ['1111'] }] })).toContain('settings.multiOrg[0].accounts[0]: expected a 12-digit AWS account id');
  });
});
