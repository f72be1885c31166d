import { Command } from 'commander';
import { toolVersion } from '../scan/version.js';
import { register as registerScan } from './commands/scan.js';
import { register as registerInventory } from './commands/inventory.js';
import { register as registerCollect } from './commands/collect.js';
import { register as registerInit } from './commands/init.js';
import { register as registerPolicy } from './commands/policy.js';
import { register as registerRego } from './commands/rego.js';

export type CommandRegistrar = (program: Command) => void;

/** Each command module exports a registrar; add new commands to this list. */
const REGISTRARS: CommandRegistrar[] = [registerScan, registerInventory, registerCollect, registerInit, registerPolicy, registerRego];

export function buildProgram(): Command {
  const program = new Command('scv-guard')
    .description('Compliance scanner for Salesforce Service Cloud Voice on Amazon Connect')
    .version(toolVersion())
    .showHelpAfterError()
    .exitOverride((err) => {
      // commander's own usage errors exit 2, as DESIGN.md fixes; help/version exit 0.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
  for (const register of REGISTRARS) register(program);
  return program;
}
