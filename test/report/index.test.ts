import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScvGuardError } from '../../src/errors.js';
import { FORMATTERS, parseFormats, writeReports } from '../../src/report/index.js';
import { FORMATS } from '../../src/report/types.js';
import { loadReportInput } from './fixture.js';

describe('parseFormats', () => {
  it('reads a comma-separated list, trimming and dropping repeats', () => {
    expect(parseFormats('sarif')).toEqual(['sarif']);
    expect(parseFormats(' sarif, json,markdown ,junit,json')).toEqual(['sarif', 'json', 'markdown', 'junit']);
  });

  it('refuses an unknown format, naming the allowed ones', () => {
    let caught: unknown;
    try {
      parseFormats('sarif,xml');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ScvGuardError);
    expect((caught as ScvGuardError).code).toBe('usage');
    expect((caught as ScvGuardError).message).toBe(
      `--format: unknown report format "xml" (allowed: ${FORMATS.join(', ')})`,
    );
  });

  it('refuses an empty name', () => {
    expect(() => parseFormats('')).toThrow(/empty format name/);
    expect(() => parseFormats('sarif,,json')).toThrow(/empty format name/);
  });
});

describe('writeReports', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'scv-reports-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the output directory and writes each format under its file name', async () => {
    const out = path.join(dir, 'nested', 'reports');
    const input = loadReportInput();
    const paths = await writeReports(['sarif', 'markdown', 'junit', 'json'], input, out);
    expect(paths).toEqual(
      ['scv-guard.sarif', 'scv-guard.md', 'scv-guard.junit.xml', 'scv-guard.json'].map((name) => path.join(out, name)),
    );
    expect(await readFile(paths[0]!, 'utf8')).toBe(FORMATTERS.sarif(input));
    expect(await readFile(paths[3]!, 'utf8')).toBe(FORMATTERS.json(input));
    expect((await readdir(out)).sort()).toEqual(['scv-guard.json', 'scv-guard.junit.xml', 'scv-guard.md', 'scv-guard.sarif']);
  });

  it('replaces an existing report whole', async () => {
    const target = path.join(dir, 'scv-guard.json');
    await writeFile(target, 'old '.repeat(100_000));
    await writeReports(['json'], loadReportInput(), dir);
    expect(JSON.parse(await readFile(target, 'utf8'))).toMatchObject({ tool: 'scv-guard' });
  });

  it('writes nothing when any format cannot be rendered', async () => {
    const input = loadReportInput();
    input.findings[0]!.ruleId = 'SCV-NOPE-001';
    const out = path.join(dir, 'reports');
    await expect(writeReports(['json', 'sarif'], input, out)).rejects.toThrow(/SCV-NOPE-001/);
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails with an output error, and no temp file, when the directory cannot be used', async () => {
    const blocker = path.join(dir, 'file');
    await writeFile(blocker, 'not a directory');
    const err = await writeReports(['json'], loadReportInput(), path.join(blocker, 'reports')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScvGuardError);
    expect((err as ScvGuardError).code).toBe('output');
    expect((err as ScvGuardError).message).toContain(path.join(blocker, 'reports'));

    // a report name taken by a directory: the rename fails, the temp file is removed
    await rm(blocker);
    const out = path.join(dir, 'out');
    await writeReports(['json'], loadReportInput(), out);
    await rm(path.join(out, 'scv-guard.json'));
    await mkdir(path.join(out, 'scv-guard.json', 'x'), { recursive: true });
    const err2 = await writeReports(['json'], loadReportInput(), out).catch((e: unknown) => e);
    expect((err2 as ScvGuardError).code).toBe('output');
    expect((await readdir(out)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
