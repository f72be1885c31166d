/** Generated text (docs, schemas) to stdout or to a file written through a temp file and a rename. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ScvGuardError } from '../errors.js';

/** Writes `text` to `out` (stdout when undefined or `-`); `what` names it in errors. */
export function writeTextOutput(out: string | undefined, text: string, what: string): void {
  if (out === undefined || out === '-') {
    process.stdout.write(text);
    return;
  }
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, out);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new ScvGuardError('output', `cannot write ${what}: ${(e as Error).message}`, { file: out });
  }
}
