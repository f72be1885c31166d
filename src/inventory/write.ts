/** Writing an inventory file: a temp file beside the target, then a rename, so it is never half-written. */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ScvGuardError } from '../errors.js';
import { describeFsError } from './load.js';
import type { Inventory } from './types.js';
import { redactText } from '../redaction/registry.js';
import { cleanUpOnInterrupt } from '../interrupt.js';
import { jsonOutput } from '../text/control-chars.js';

/**
 * The inventory as JSON, with every credential the process holds (and anything shaped like one)
 * masked, and no control character raw (names come from remote parties; see jsonOutput).
 */
export function serializeInventory(inventory: Inventory): string {
  return redactText(jsonOutput(inventory));
}

export async function writeInventoryFile(file: string, inventory: Inventory): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await cleanUpOnInterrupt(
      `writing ${file}`,
      () => rmSync(temp, { force: true }),
      async () => {
        await writeFile(temp, serializeInventory(inventory), { encoding: 'utf8', flag: 'wx' });
        await rename(temp, file);
      },
    );
  } catch (err) {
    await rm(temp, { force: true });
    throw new ScvGuardError('output', `cannot write the inventory: ${describeFsError(err)}`, { file });
  }
}
