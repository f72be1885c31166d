/**
 * Writing the reports of one run as a set. Readers of the output folder (people, CI uploads)
 * must never see one report of this run beside another of the previous run, and two scans
 * writing into the same folder must not interleave their files:
 *
 * 1. a lock on the output folder (`.scv-guard.lock`, a directory created atomically and kept
 *    fresh while held; a lock left by a killed process goes stale after 10 s) — a second scan
 *    waits for it up to `lockWaitMs`, then fails with an output error naming the lock;
 * 2. every file is written into a fresh hidden staging folder inside the output folder (the same
 *    file system as the targets, so each move is a rename, even when the output folder is a
 *    mount point);
 * 3. the files are moved into place in one synchronous step — no signal handler can run in the
 *    middle of it — and a move that fails puts the previous files back;
 * 4. a SIGINT or SIGTERM before that step removes the staging folder and the lock and exits
 *    130 / 143, leaving the previous reports as they were.
 */
import { copyFileSync, linkSync, lstatSync, mkdirSync, renameSync, rmSync, unlinkSync, type Stats } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { ScvGuardError } from '../errors.js';
import { cleanUpOnInterrupt } from '../interrupt.js';

/** The lock directory in the output folder. */
export const LOCK_NAME = '.scv-guard.lock';
const STAGING_PREFIX = '.scv-guard-set-';
/** How long a lock goes unrefreshed before it counts as left behind by a killed process. */
const LOCK_STALE_MS = 10_000;
const LOCK_RETRY_MS = 250;
export const DEFAULT_LOCK_WAIT_MS = 30_000;

/**
 * Test-only: milliseconds to wait once the set is staged, before it is moved into place, after
 * saying `scv-guard: test: reports staged in DIR` on stderr — so a test can interrupt a write
 * at a known point. Not for production use.
 */
export const TEST_HOLD_ENV = 'SCV_GUARD_TEST_HOLD_REPORTS_MS';

export interface ReportFile {
  /** File name in the output folder. */
  name: string;
  /** What the file is, for errors: "the sarif report". */
  what: string;
  text: string;
}

export interface WriteSetOptions {
  lockWaitMs?: number;
}

/** Writes `files` into `outputDir` as one set (see above); returns their paths. */
export async function writeReportSet(files: readonly ReportFile[], outputDir: string, opts: WriteSetOptions = {}): Promise<string[]> {
  try {
    await mkdir(outputDir, { recursive: true });
  } catch (err) {
    throw new ScvGuardError('output', `cannot create the output directory: ${reason(err)}`, { file: outputDir });
  }
  const lockPath = path.join(outputDir, LOCK_NAME);
  const release = await acquireLock(outputDir, lockPath, opts.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
  let staging: string | undefined;
  const removeStaging = (): void => {
    if (staging !== undefined) rmSync(staging, { recursive: true, force: true, maxRetries: 3 });
  };
  const releaseNow = (): void => {
    try {
      lockfile.unlockSync(outputDir, { lockfilePath: lockPath, realpath: false });
    } catch {
      // already released
    }
  };
  try {
    return await cleanUpOnInterrupt(
      `writing reports into ${outputDir}`,
      () => {
        removeStaging();
        releaseNow();
      },
      async () => {
        staging = await mkdtemp(path.join(outputDir, STAGING_PREFIX));
        for (const file of files) {
          try {
            await writeFile(path.join(staging, file.name), file.text, { encoding: 'utf8', flag: 'wx' });
          } catch (err) {
            throw new ScvGuardError('output', `cannot write ${file.what}: ${reason(err)}`, { file: path.join(outputDir, file.name) });
          }
        }
        await holdForTests(staging);
        return moveIntoPlace(files, staging, outputDir);
      },
    );
  } finally {
    if (staging !== undefined) await rm(staging, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    await release().catch(() => undefined);
  }
}

async function acquireLock(outputDir: string, lockPath: string, waitMs: number): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(outputDir, {
      lockfilePath: lockPath,
      realpath: false,
      stale: LOCK_STALE_MS,
      retries: { retries: Math.ceil(waitMs / LOCK_RETRY_MS), factor: 1, minTimeout: LOCK_RETRY_MS, maxTimeout: LOCK_RETRY_MS },
      // The lock could not be refreshed (its folder removed by hand): the set is still written whole.
      onCompromised: () => undefined,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new ScvGuardError(
        'output',
        `another scv-guard is writing reports into this folder (lock ${lockPath} held for over ${Math.round(waitMs / 1000)} s); ` +
          `run the scans one after the other or give each its own --output-dir (a lock left by a killed process expires ${LOCK_STALE_MS / 1000} s after it stopped)`,
        { file: outputDir },
      );
    }
    throw new ScvGuardError('output', `cannot lock the output directory: ${reason(err)}`, { file: outputDir });
  }
}

/**
 * Moves the staged files over their targets in one synchronous step. The previous files are
 * linked (or copied) into the staging folder first, so a failed move puts them back.
 */
function moveIntoPlace(files: readonly ReportFile[], staging: string, outputDir: string): string[] {
  const previous = path.join(staging, 'previous');
  const kept = new Set<string>();
  for (const file of files) {
    const target = path.join(outputDir, file.name);
    const existing = lstatOrNull(target);
    if (existing === null) continue;
    if (!existing.isFile()) {
      throw new ScvGuardError('output', `cannot write ${file.what}: a ${existing.isDirectory() ? 'folder' : 'non-file'} has its name`, { file: target });
    }
    keepCopy(target, previous, file.name);
    kept.add(file.name);
  }
  const moved: ReportFile[] = [];
  for (const file of files) {
    const target = path.join(outputDir, file.name);
    try {
      renameSync(path.join(staging, file.name), target);
      moved.push(file);
    } catch (err) {
      for (const done of moved) restore(done.name, previous, outputDir, kept);
      throw new ScvGuardError('output', `cannot write ${file.what}: ${reason(err)}; the previous reports are unchanged`, { file: target });
    }
  }
  return files.map((file) => path.join(outputDir, file.name));
}

function keepCopy(target: string, previous: string, name: string): void {
  mkdirSync(previous, { recursive: true });
  const copy = path.join(previous, name);
  try {
    linkSync(target, copy);
  } catch {
    copyFileSync(target, copy);
  }
}

function restore(name: string, previous: string, outputDir: string, kept: ReadonlySet<string>): void {
  const target = path.join(outputDir, name);
  try {
    if (kept.has(name)) renameSync(path.join(previous, name), target);
    else unlinkSync(target);
  } catch {
    // Best effort: the error that stopped the move is reported.
  }
}

async function holdForTests(staging: string): Promise<void> {
  const ms = Number(process.env[TEST_HOLD_ENV] ?? '');
  if (!Number.isFinite(ms) || ms <= 0) return;
  process.stderr.write(`scv-guard: test: reports staged in ${staging}\n`);
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function lstatOrNull(file: string): Stats | null {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}

function reason(err: unknown): string {
  if (err instanceof ScvGuardError) return err.message;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  return code ? `${code} (${message})` : message;
}
