import { describe, expect, it } from 'vitest';
import { RedactionRegistry, maskCredentialShapes } from '../../src/redaction/registry.js';
import { escapeControlChars } from '../../src/text/control-chars.js';

const SECRET = '5Aep861.uat+Refresh/Token=Value&01%';

describe('the redaction registry', () => {
  const registry = new RedactionRegistry();
  registry.add(SECRET);

  const echoes: Record<string, string> = {
    raw: SECRET,
    'URL-encoded': encodeURIComponent(SECRET),
    'form-encoded': new URLSearchParams({ t: SECRET }).toString().slice(2),
    'URL-encoded, lower-case hex': encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    'URL-encoded twice': encodeURIComponent(encodeURIComponent(SECRET)),
    'JSON-escaped': JSON.stringify(SECRET).slice(1, -1),
    'JSON-escaped with \\/': JSON.stringify(SECRET).slice(1, -1).replace(/\//g, '\\/'),
    'HTML-escaped': SECRET.replace(/&/g, '&amp;'),
    base64: Buffer.from(SECRET).toString('base64'),
    base64url: Buffer.from(SECRET).toString('base64url'),
  };
  for (const [encoding, echoed] of Object.entries(echoes)) {
    it(`redacts a secret echoed ${encoding}`, () => {
      const out = registry.redact(`server said: bad token ${echoed} (try again)`);
      expect(out).not.toContain(echoed);
      expect(out).toContain('server said: bad token [REDACTED]');
    });
  }

  it('redacts a secret base64-encoded inside a longer value at every byte alignment (Basic auth)', () => {
    for (const prefix of ['client:', 'ab:', 'abc:']) {
      const basic = Buffer.from(`${prefix}${SECRET}`).toString('base64');
      const out = registry.redact(`Authorization: Basic ${basic}`);
      // What is left is at most the few characters that mix the secret with its neighbours.
      expect(out).toContain('[REDACTED]');
      expect(out.replace(/Authorization: Basic /, '').replace('[REDACTED]', '').length).toBeLessThanOrEqual(12);
    }
  });

  it('ignores values too short to be secrets', () => {
    const r = new RedactionRegistry();
    r.add('abc');
    r.add('');
    r.add(undefined);
    expect(r.size).toBe(0);
    expect(r.redact('abc abc')).toBe('abc abc');
  });
});

describe('credential shapes', () => {
  it('masks AWS access key ids, SigV4 parts, session tokens, OAuth parameters, bearer tokens, session ids, JWTs and private keys', () => {
    const text = [
      'flow Inbound AKIAIOSFODNN7EXAMPLE',
      'X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F%2Fabc',
      'x-amz-security-token: IQoJb3JpZ2luX2VjEJr//abc',
      '"SessionToken": "IQoJb3JpZ2luX2VjEJr//abc"',
      '<SessionToken>IQoJb3JpZ2luX2VjEJr//abc</SessionToken>',
      'Credential=ASIAXXXXXXXXXXXXXXXX/20260101/us-east-1/sts/aws4_request, Signature=0123abcd',
      'grant_type=refresh_token&refresh_token=5Aep861abc&client_secret=xyz123',
      '{"access_token":"00Dxx0000000001!AQabc.def"}',
      'Authorization: Bearer abc.def',
      'assertion=eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl',
      '-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----',
    ].join('\n');
    const out = maskCredentialShapes(text);
    for (const leaked of ['AKIAIOSFODNN7EXAMPLE', 'IQoJb3JpZ2lu', 'ASIAXXXX', '0123abcd', '5Aep861abc', 'xyz123', '00Dxx0000000001!', 'abc.def', 'eyJhbGci', 'MIIEv']) {
      expect(out).not.toContain(leaked);
    }
    expect(out).toContain('flow Inbound [redacted-access-key]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'The request signature we calculated does not match. Credential should be scoped to a valid region. AKIA is a prefix.';
    expect(maskCredentialShapes(text)).toBe(text);
  });

  it('keeps the words of a finding that names a kind of credential', () => {
    const text = 'holds what looks like a credential: aws-access-key in parameter Attribute.exportUser; signature: none';
    expect(maskCredentialShapes(text)).toBe(text);
  });
});

describe('control characters', () => {
  it('shows ESC, OSC, BEL, NUL, CR, DEL, C1 and bidi overrides as escapes, keeping newlines and tabs', () => {
    const text = 'org \u001b]0;pwned\u0007 name\u0000\r\u007f\u009b\u202e\tend\n';
    expect(escapeControlChars(text)).toBe('org \\x1b]0;pwned\\x07 name\\x00\\x0d\\x7f\\x9b\\u{202e}\tend\n');
  });
});
