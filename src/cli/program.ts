import { Command } from 'commander';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_URL } from '../report/common.js';
import { toolVersion } from '../scan/version.js';
import { register as registerScan } from './commands/scan.js';
import { register as registerInventory } from './commands/inventory.js';
import { register as registerCollect } from './commands/collect.js';
import { register as registerInit } from './commands/init.js';
import { register as registerPolicy } from './commands/policy.js';
import { register as registerRego } from './commands/rego.js';
import { register as registerExport } from './commands/export.js';
import { register as registerBackup } from './commands/backup.js';

/** The package's docs/ folder (src/cli → ../../docs, dist/cli likewise). */
function docsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');
}

export type CommandRegistrar = (program: Command) => void;

/** Each command module exports a registrar; add new commands to this list. */
const REGISTRARS: CommandRegistrar[] = [registerScan, registerInventory, registerCollect, registerInit, registerPolicy, registerRego, registerExport, registerBackup];

/** commander's `error: ...\n(Did you mean ...?)\n` as one line: `scv-guard: error: ... (Did you mean ...?)`. */
export function usageErrorLine(text: string): string {
  const joined = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
  return `scv-guard: ${joined.startsWith('error: ') ? joined : `error: ${joined}`}\n`;
}

export function buildProgram(): Command {
  const program = new Command('scv-guard')
    .description('Compliance scanner for Salesforce Service Cloud Voice on Amazon Connect')
    .version(toolVersion())
    // A usage error is one line, `scv-guard: error: ...` (with commander's "did you mean"), never
    // the whole help; subcommands inherit these settings.
    .configureOutput({ outputError: (text, write) => write(usageErrorLine(text)) })
    .showHelpAfterError(false)
    .exitOverride((err) => {
      // commander's own usage errors exit 2, as DESIGN.md fixes; help/version exit 0.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
  for (const register of REGISTRARS) register(program);
  program.addHelpText(
    'after',
    `\nDocumentation: ${docsDir()} (quickstart.md, config.md, ci.md, custom-rules.md, inventory.md, rules.md,\n` +
      `troubleshooting.md, ...), also at ${PROJECT_URL}/tree/main/docs`,
  );
  return program;
}
