/** Hashes and HMACs over UTF-8 strings, hex-encoded (crypto.md5/sha1/sha256/sha512, crypto.hmac.*). */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { def, str } from './args.js';
import type { Builtin } from './types.js';

function hash(name: string, algorithm: string): Builtin {
  return def(name, 1, (args) => createHash(algorithm).update(str(name, args, 1), 'utf8').digest('hex'));
}

function hmac(name: string, algorithm: string): Builtin {
  return def(name, 2, (args) =>
    createHmac(algorithm, Buffer.from(str(name, args, 2), 'utf8')).update(str(name, args, 1), 'utf8').digest('hex'),
  );
}

export const CRYPTO_BUILTINS: Builtin[] = [
  hash('crypto.md5', 'md5'),
  hash('crypto.sha1', 'sha1'),
  hash('crypto.sha256', 'sha256'),
  hash('crypto.sha512', 'sha512'),
  hmac('crypto.hmac.md5', 'md5'),
  hmac('crypto.hmac.sha1', 'sha1'),
  hmac('crypto.hmac.sha256', 'sha256'),
  hmac('crypto.hmac.sha512', 'sha512'),
  def('crypto.hmac.equal', 2, (args) => {
    const a = Buffer.from(str('crypto.hmac.equal', args, 1), 'utf8');
    const b = Buffer.from(str('crypto.hmac.equal', args, 2), 'utf8');
    return a.length === b.length && timingSafeEqual(a, b);
  }),
];
