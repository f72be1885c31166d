import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jwtAudience, loginUrlOf, signJwtAssertion } from '../../../src/collect/salesforce/auth.js';
import { describeFailure, isSessionExpired, SalesforceResponseError } from '../../../src/collect/salesforce/errors.js';
import { Redactor } from '../../../src/collect/salesforce/redact.js';

describe('JWT bearer assertion', () => {
  it('is an RS256 JWS with iss, sub, aud and a 3-minute exp', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwt = signJwtAssertion(
      { clientId: '3MVG9key', username: 'scanner@acme.example', audience: 'https://login.salesforce.com', issuedAt: 1_700_000_000 },
      privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    );
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({
      iss: '3MVG9key',
      sub: 'scanner@acme.example',
      aud: 'https://login.salesforce.com',
      exp: 1_700_000_180,
    });
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('addresses the login server of the org type for My Domain login URLs', () => {
    expect(jwtAudience('https://login.salesforce.com')).toBe('https://login.salesforce.com');
    expect(jwtAudience('https://test.salesforce.com/')).toBe('https://test.salesforce.com');
    expect(jwtAudience('https://acme.my.salesforce.com')).toBe('https://login.salesforce.com');
    expect(jwtAudience('https://acme--uat.sandbox.my.salesforce.com')).toBe('https://test.salesforce.com');
  });

  it('takes the login URL from auth, then the org, then login.salesforce.com', () => {
    const jwt = { method: 'jwt' as const, clientId: 'c', username: 'u', privateKeyFile: 'k' };
    expect(loginUrlOf({ alias: 'a', auth: jwt })).toBe('https://login.salesforce.com');
    expect(loginUrlOf({ alias: 'a', loginUrl: 'https://test.salesforce.com/', auth: jwt })).toBe('https://test.salesforce.com');
    expect(loginUrlOf({ alias: 'a', loginUrl: 'https://test.salesforce.com', auth: { ...jwt, loginUrl: 'https://x.my.salesforce.com' } })).toBe(
      'https://x.my.salesforce.com',
    );
  });
});

describe('failures and redaction', () => {
  it('reads codes from REST, SOAP and OAuth errors', () => {
    const rest = Object.assign(new Error('Session expired or invalid'), { name: 'INVALID_SESSION_ID', errorCode: 'INVALID_SESSION_ID' });
    const soap = Object.assign(new Error('INVALID_SESSION_ID: Illegal Session'), { name: 'sf:INVALID_SESSION_ID', errorCode: 'sf:INVALID_SESSION_ID' });
    const oauth = Object.assign(new Error('expired access/refresh token'), { name: 'invalid_grant' });
    expect(describeFailure(rest)).toEqual({ code: 'INVALID_SESSION_ID', message: 'Session expired or invalid' });
    expect(describeFailure(soap).code).toBe('INVALID_SESSION_ID');
    expect(describeFailure(oauth)).toEqual({ code: 'invalid_grant', message: 'expired access/refresh token' });
    expect(describeFailure(new SalesforceResponseError('X_Y', 'multi\n  line')).message).toBe('multi line');
    expect(isSessionExpired(soap)).toBe(true);
    expect(isSessionExpired(oauth)).toBe(false);
  });

  it('masks registered secrets, Salesforce session ids and bearer headers', () => {
    const redactor = new Redactor();
    redactor.add('refresh-secret-value-123');
    redactor.add('short');
    const text = redactor.redact(
      'token 00D5g000004PRDa!AQ4AQ.abc_def-ghi then refresh-secret-value-123 and Authorization: Bearer opaque.token.value; short',
    );
    expect(text).toBe('token [REDACTED] then [REDACTED] and Authorization: Bearer [REDACTED]; short');
  });
});
