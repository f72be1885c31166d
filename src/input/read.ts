/**
 * Reading an input file as text: refused past the size limit before it is read, decoded as strict
 * UTF-8 (an invalid byte sequence is an error naming its byte offset and line, never U+FFFD), a
 * leading byte order mark dropped.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { ScvGuardError } from '../errors.js';
import { formatBytes, inputLimits, INPUT_LIMIT_VARIABLES, type InputLimits } from './limits.js';

/** `what` names the file in errors: `cannot read ${what}: no such file`. */
export interface ReadInputOptions {
  what: string;
  limits?: InputLimits;
}

export async function readInputFile(file: string, opts: ReadInputOptions): Promise<string> {
  const limits = opts.limits ?? inputLimits();
  let bytes: Uint8Array;
  try {
    checkSize(file, (await stat(file)).size, limits);
    bytes = await readFile(file);
  } catch (err) {
    throw readError(file, opts.what, err);
  }
  return decodeUtf8(bytes, file);
}

export function readInputFileSync(file: string, opts: ReadInputOptions): string {
  const limits = opts.limits ?? inputLimits();
  let bytes: Uint8Array;
  try {
    checkSize(file, statSync(file).size, limits);
    bytes = readFileSync(file);
  } catch (err) {
    throw readError(file, opts.what, err);
  }
  return decodeUtf8(bytes, file);
}

function checkSize(file: string, size: number, limits: InputLimits): void {
  if (size > limits.maxFileBytes) {
    throw new ScvGuardError(
      'input-read',
      `file is ${formatBytes(size)}, larger than the input limit of ${formatBytes(limits.maxFileBytes)} (${INPUT_LIMIT_VARIABLES.maxFileBytes})`,
      { file },
    );
  }
}

function readError(file: string, what: string, err: unknown): ScvGuardError {
  if (err instanceof ScvGuardError) return err;
  return new ScvGuardError('input-read', `cannot read ${what}: ${describeFsError(err)}`, { file });
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8 → text without a leading byte order mark. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const shown = Array.from(bytes.subarray(offset, offset + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new ScvGuardError('input-parse', `invalid UTF-8 at byte offset ${offset} (bytes ${shown}): input files must be UTF-8`, {
      file,
      line,
      column: offset - lineStart + 1,
    });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // past U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, expected a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
