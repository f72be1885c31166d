/**
 * The forms a secret can take when a remote party echoes it back: raw, URL-encoded (percent and
 * form encoding, upper- and lower-case hex, twice encoded), JSON- and HTML-escaped, and base64
 * (standard and URL-safe) at each of the three byte alignments it can sit at inside a longer
 * encoded text, such as a Basic authorization header.
 */

/** Base64 characters that depend only on the secret, for a secret starting `offset` bytes into a 3-byte group. */
function base64Core(secret: Buffer, offset: number, alphabet: 'base64' | 'base64url'): string {
  const padded = Buffer.concat([Buffer.alloc(offset), secret]);
  const encoded = padded.toString(alphabet).replace(/=+$/, '');
  // A leading group mixes the padding bytes with the secret's first bytes; a trailing partial
  // group mixes its last bytes with whatever follows. Only whole groups in between are certain.
  const start = offset === 0 ? 0 : 4;
  const wholeGroups = Math.floor(padded.length / 3);
  return encoded.slice(start, wholeGroups * 4);
}

function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function formEncode(text: string): string {
  return new URLSearchParams({ v: text }).toString().slice(2);
}

/** Every encoded form of `secret` worth searching for (deduplicated, shortest dropped). */
export function encodedForms(secret: string, minLength: number): string[] {
  const forms = new Set<string>();
  const percent = encodeURIComponent(secret);
  const lowerHex = (s: string) => s.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);
  for (const form of [
    secret,
    percent,
    lowerHex(percent),
    formEncode(secret),
    lowerHex(formEncode(secret)),
    encodeURIComponent(percent),
    jsonEscaped,
    jsonEscaped.replace(/\//g, '\\/'),
    htmlEscape(secret),
  ]) {
    forms.add(form);
  }
  const bytes = Buffer.from(secret, 'utf8');
  for (const offset of [0, 1, 2]) {
    forms.add(base64Core(bytes, offset, 'base64'));
    forms.add(base64Core(bytes, offset, 'base64url'));
  }
  return [...forms].filter((f) => f.length >= minLength);
}
