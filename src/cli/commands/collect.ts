/** `scv-guard collect --config FILE --out inventory.json`: collect every source the config names. */
import { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { serializeInventory, writeInventoryFile } from '../../inventory/write.js';
import { collectFromConfig } from '../../scan/sources.js';
import { action, collectionErrorPrinter, progressLine, wantsHumanOutput } from '../output.js';
import { describeCounts } from './inventory.js';

export function register(program: Command): void {
  program
    .command('collect')
    .description('collect the AWS accounts and Salesforce orgs a config names into one inventory file')
    .requiredOption('--config <file>', 'scanner config (scv-guard.yaml)')
    .requiredOption('--out <file>', 'inventory file to write (- for stdout)')
    .option('--quiet', 'no progress and no collection errors on stderr')
    .action(action(collect));
}

async function collect(flags: { config: string; out: string; quiet?: boolean }): Promise<void> {
  const config = loadConfig(flags.config);
  const human = wantsHumanOutput(process.stderr, flags.quiet === true);
  const inventory = await collectFromConfig(config, {
    ...(human ? { progress: progressLine(process.stderr) } : {}),
    ...(flags.quiet === true ? {} : { onError: collectionErrorPrinter(process.stderr) }),
  });
  if (flags.out === '-') process.stdout.write(serializeInventory(inventory));
  else await writeInventoryFile(flags.out, inventory);
  const errors = inventory.collection.errors.length;
  if (human) {
    process.stderr.write(`scv-guard: collected ${describeCounts(inventory)}${errors > 0 ? `; ${errors} collection error(s), reported as SCV-COLL-001 by scan` : ''}\n`);
  }
  // 0 only when everything was read; the inventory is written either way, with its errors.
  process.exitCode = errors > 0 ? 1 : 0;
}
