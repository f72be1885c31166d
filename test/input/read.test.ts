/** Reading input files: size limit before reading, strict UTF-8 with the offset of a bad byte. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScvGuardError } from '../../src/errors.js';
import { DEFAULT_INPUT_LIMITS } from '../../src/input/limits.js';
import { decodeUtf8, firstInvalidUtf8, readInputFile, readInputFileSync } from '../../src/input/read.js';
import { thrown, thrownAsync } from '../support/thrown.js';

const dir = mkdtempSync(join(tmpdir(), 'scv-guard-read-'));
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeUtf8', () => {
  it('names the byte offset, line and column of an invalid sequence', () => {
    const err = thrown(() => decodeUtf8(bytes('{\n  "name": "caf', [0xe9], '"\n}'), 'in.json'), ScvGuardError);
    expect(err.code).toBe('input-parse');
    expect(err.message).toBe('in.json:2:15: invalid UTF-8 at byte offset 16 (bytes e9 22 0a 7d): input files must be UTF-8');
  });

  it('finds overlong forms, surrogates, code points past U+10FFFF and truncated sequences', () => {
    expect(firstInvalidUtf8(bytes('ok é € 😀'))).toBe(Buffer.byteLength('ok é € 😀'));
    expect(firstInvalidUtf8(bytes('a', [0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(bytes('ab', [0xed, 0xa0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(bytes('abc', [0xe2, 0x82]))).toBe(3);
  });

  it('drops a byte order mark', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], '{}'), 'in.json')).toBe('{}');
  });
});

describe('readInputFile', () => {
  it('refuses a file past the size limit before reading it', async () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, '[' + '1,'.repeat(600) + '1]');
    const limits = { ...DEFAULT_INPUT_LIMITS, maxFileBytes: 1024 };
    const err = await thrownAsync(() => readInputFile(file, { what: 'inventory file', limits }), ScvGuardError);
    expect(err.message).toBe(`${file}: file is 1.2 KiB, larger than the input limit of 1 KiB (SCV_GUARD_MAX_FILE_BYTES)`);
    expect(readInputFileSync(file, { what: 'plan file' })).toMatch(/^\[1,/);
  });

  it('says what could not be read', () => {
    expect(thrown(() => readInputFileSync(join(dir, 'nope.json'), { what: 'plan file' }), ScvGuardError).message).toBe(
      `${join(dir, 'nope.json')}: cannot read plan file: no such file`,
    );
  });
});
