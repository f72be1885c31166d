/**
 * Salesforce authentication for the collector, for the three methods the config allows:
 *
 * - `jwt`: OAuth 2.0 JWT bearer flow. The assertion (iss = connected app consumer key,
 *   sub = username, aud = login server, exp = now + 3 min) is signed RS256 with node:crypto from
 *   `privateKeyFile` and posted to `<loginUrl>/services/oauth2/token`. The flow issues no
 *   refresh token: an expired session is renewed by signing a new assertion.
 * - `refresh-token`: OAuth 2.0 refresh token flow through jsforce's OAuth2 client.
 * - `access-token`: a ready session (access token + instance URL); it cannot be renewed.
 *
 * Every secret handled here is registered with the org's Redactor before any call is made.
 */
import { sign } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { OAuth2 } from 'jsforce';
import { MAX_PRIVATE_KEY_BYTES } from '../../config/key-files.js';
import type { SalesforceAuth, SalesforceOrgConfig } from '../../config/types.js';
import { ScvGuardError } from '../../errors.js';
import { formatBytes, inputLimits } from '../../input/limits.js';
import { readInputFile } from '../../input/read.js';
import { SalesforceResponseError } from './errors.js';
import type { Redactor } from './redact.js';
import { useTransport, type TimedTransport } from './transport.js';

export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';
export const JWT_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Salesforce accepts assertions that expire at most 3 minutes ahead. */
const JWT_LIFETIME_SECONDS = 180;

export interface TokenGrant {
  accessToken: string;
  instanceUrl: string;
}

export interface Authenticator {
  method: SalesforceAuth['method'];
  /** First session for the org. */
  login(): Promise<TokenGrant>;
  /** A new session after the old one expired; null when the method cannot renew one. */
  refresh: (() => Promise<TokenGrant>) | null;
}

/** Login server of an org: the auth block's loginUrl, then the org's, then login.salesforce.com. */
export function loginUrlOf(org: SalesforceOrgConfig): string {
  const auth = org.auth;
  const fromAuth = auth.method === 'access-token' ? undefined : auth.loginUrl;
  return (fromAuth ?? org.loginUrl ?? DEFAULT_LOGIN_URL).replace(/\/+$/, '');
}

/**
 * The `aud` claim. Salesforce expects its login server (login/test.salesforce.com) or an
 * Experience Cloud site URL; a My Domain login URL maps to the login server of its org type.
 */
export function jwtAudience(loginUrl: string): string {
  const host = new URL(loginUrl).hostname;
  if (host.endsWith('.sandbox.my.salesforce.com')) return 'https://test.salesforce.com';
  if (host.endsWith('.my.salesforce.com')) return DEFAULT_LOGIN_URL;
  return new URL(loginUrl).origin;
}

export interface JwtClaims {
  clientId: string;
  username: string;
  audience: string;
  /** Seconds since the epoch. */
  issuedAt: number;
}

/** A compact JWS (RS256) bearer assertion. */
export function signJwtAssertion(claims: JwtClaims, privateKeyPem: string): string {
  const header = { alg: 'RS256', typ: 'JWT' };
  const payload = {
    iss: claims.clientId,
    sub: claims.username,
    aud: claims.audience,
    exp: claims.issuedAt + JWT_LIFETIME_SECONDS,
  };
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), privateKeyPem).toString('base64url');
  return `${signingInput}.${signature}`;
}

interface TokenResponse {
  access_token?: unknown;
  instance_url?: unknown;
  refresh_token?: unknown;
  id_token?: unknown;
}

function grantFrom(res: TokenResponse, redactor: Redactor): TokenGrant {
  if (typeof res.access_token !== 'string' || typeof res.instance_url !== 'string') {
    throw new SalesforceResponseError(
      'INVALID_TOKEN_RESPONSE',
      'token endpoint answered without access_token and instance_url',
    );
  }
  redactor.add(res.access_token);
  for (const other of [res.refresh_token, res.id_token]) if (typeof other === 'string') redactor.add(other);
  return { accessToken: res.access_token, instanceUrl: res.instance_url.replace(/\/+$/, '') };
}

export function createAuthenticator(org: SalesforceOrgConfig, redactor: Redactor, transport: TimedTransport): Authenticator {
  const auth = org.auth;
  switch (auth.method) {
    case 'access-token': {
      redactor.add(auth.accessToken);
      const grant: TokenGrant = { accessToken: auth.accessToken, instanceUrl: auth.instanceUrl.replace(/\/+$/, '') };
      return { method: auth.method, login: async () => grant, refresh: null };
    }
    case 'refresh-token': {
      redactor.add(auth.refreshToken);
      redactor.add(auth.clientSecret);
      const oauth2 = useTransport(new OAuth2({ loginUrl: loginUrlOf(org), clientId: auth.clientId, clientSecret: auth.clientSecret }), transport);
      const renew = async (): Promise<TokenGrant> =>
        grantFrom((await oauth2.refreshToken(auth.refreshToken)) as TokenResponse, redactor);
      return { method: auth.method, login: renew, refresh: renew };
    }
    case 'jwt': {
      const loginUrl = loginUrlOf(org);
      // No clientId on this client: jsforce then adds nothing to the JWT grant's parameters.
      const oauth2 = useTransport(new OAuth2({ loginUrl }), transport);
      let privateKey: string | undefined;
      const renew = async (): Promise<TokenGrant> => {
        privateKey ??= await readPrivateKey(auth.privateKeyFile);
        const assertion = signJwtAssertion(
          {
            clientId: auth.clientId,
            username: auth.username,
            audience: jwtAudience(loginUrl),
            issuedAt: Math.floor(Date.now() / 1000),
          },
          privateKey,
        );
        redactor.add(assertion);
        const res = await oauth2.requestToken({ grant_type: JWT_GRANT_TYPE, assertion });
        return grantFrom(res as TokenResponse, redactor);
      };
      return { method: auth.method, login: renew, refresh: renew };
    }
  }
}

/** The key file, read with a size bound (a PEM key is a few KB) as strict UTF-8. */
async function readPrivateKey(file: string): Promise<string> {
  try {
    const { size } = await stat(file);
    if (size > MAX_PRIVATE_KEY_BYTES) {
      throw new SalesforceResponseError('PRIVATE_KEY_UNREADABLE', `privateKeyFile ${file} is ${formatBytes(size)}, larger than a PEM private key can be (${formatBytes(MAX_PRIVATE_KEY_BYTES)})`);
    }
    return await readInputFile(file, { what: 'privateKeyFile', limits: { ...inputLimits(), maxFileBytes: MAX_PRIVATE_KEY_BYTES } });
  } catch (err) {
    if (err instanceof SalesforceResponseError) throw err;
    const reason = err instanceof ScvGuardError ? err.message : err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    throw new SalesforceResponseError('PRIVATE_KEY_UNREADABLE', `cannot read privateKeyFile ${file} (${reason})`);
  }
}
