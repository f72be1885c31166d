/** `scv-guard init [FILE]`: writes the commented starter config (never over an existing file unless --force). */
import { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { INIT_TEMPLATE } from '../../config/init-template.js';
import { ScvGuardError } from '../../errors.js';
import { describeFsError } from '../../inventory/load.js';
import { action } from '../output.js';

export const DEFAULT_CONFIG_FILE = 'scv-guard.yaml';

export function register(program: Command): void {
  program
    .command('init')
    .description('write a commented starter config (scv-guard.yaml)')
    .argument('[file]', 'where to write the config', DEFAULT_CONFIG_FILE)
    .option('--force', 'overwrite the file if it exists')
    .option('--stdout', 'print the starter config instead of writing a file')
    .action(action(init));
}

async function init(file: string, flags: { force?: boolean; stdout?: boolean }): Promise<void> {
  if (flags.stdout) {
    process.stdout.write(INIT_TEMPLATE);
    process.exitCode = 0;
    return;
  }
  if (existsSync(file) && !flags.force) {
    throw new ScvGuardError('usage', 'file exists; use --force to overwrite it', { file });
  }
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, INIT_TEMPLATE, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw new ScvGuardError('output', `cannot write the config: ${describeFsError(err)}`, { file });
  }
  process.stderr.write(`scv-guard: wrote ${file}; set the variables it names (\${...}) and run: scv-guard scan --config ${file}\n`);
  process.exitCode = 0;
}
