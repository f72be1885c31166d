/**
 * Salesforce record ids. Some fields (SandboxProcess.SandboxOrganization, ...) hold the
 * case-sensitive 15-character form; the inventory always carries the 18-character form, whose
 * three extra characters encode, per 5-character chunk, which characters are upper case.
 */
import { SalesforceResponseError } from './errors.js';

const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

/** The 18-character form of a 15- or 18-character id; throws on anything else. */
export function toId18(id: string): string {
  if (ID_18.test(id)) return id;
  if (!ID_15.test(id)) {
    throw new SalesforceResponseError('INVALID_ID', `not a Salesforce id: expected 15 or 18 letters/digits, got "${id}"`);
  }
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return id + suffix;
}

/** True when two ids (15 or 18 characters) name the same record. */
export function sameId(a: string, b: string): boolean {
  return a.slice(0, 15) === b.slice(0, 15);
}

/** Organization ids start with the key prefix 00D. */
export function isOrgId(id: string): boolean {
  return (ID_15.test(id) || ID_18.test(id)) && id.startsWith('00D');
}
