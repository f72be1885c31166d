/** `scv-guard inventory validate FILE`, `inventory merge A B ... -o OUT`, `inventory doc`, `inventory schema`. */
import { Command } from 'commander';
import { loadInventoryFile } from '../../inventory/load.js';
import { mergeInventories, type InventoryPart } from '../../inventory/merge.js';
import type { Inventory } from '../../inventory/types.js';
import { serializeInventory, writeInventoryFile } from '../../inventory/write.js';
import { action, forHumans } from '../output.js';
import { writeTextOutput } from '../text-output.js';
import { renderInventoryMarkdown, renderInventorySchemaJson } from '../../inventory/schema-doc.js';

export function register(program: Command): void {
  const inventory = program.command('inventory').description('validate and merge inventory files');

  inventory
    .command('validate')
    .description('check an inventory file against the inventory v1 schema')
    .argument('<file>', 'inventory file (JSON or YAML)')
    .action(action(validate));

  inventory
    .command('merge')
    .description('merge partial inventories (e.g. from sharded collection) into one')
    .argument('<files...>', 'inventory files (JSON or YAML)')
    .requiredOption('-o, --out <file>', 'merged inventory file to write (- for stdout)')
    .action(action(merge));

  inventory
    .command('doc')
    .description('write the inventory reference (Markdown, docs/inventory.md) generated from the JSON Schema')
    .option('-o, --out <file>', 'file to write (default: stdout)')
    .action(action(async (flags: { out?: string }) => {
      writeTextOutput(flags.out, renderInventoryMarkdown(), 'the inventory reference');
      process.exitCode = 0;
    }));

  inventory
    .command('schema')
    .description('write the inventory v1 JSON Schema (draft-07), e.g. for editors and other validators')
    .option('-o, --out <file>', 'file to write (default: stdout)')
    .action(action(async (flags: { out?: string }) => {
      writeTextOutput(flags.out, renderInventorySchemaJson(), 'the inventory schema');
      process.exitCode = 0;
    }));
}

async function validate(file: string): Promise<void> {
  // A schema error lists every problem, one a line (the first 50, then a count), and exits 2.
  const { inventory } = await loadInventoryFile(file);
  process.stdout.write(`OK ${forHumans(file)}: ${describeCounts(inventory)}\n`);
  process.exitCode = 0;
}

async function merge(files: string[], flags: { out: string }): Promise<void> {
  const parts: InventoryPart[] = [];
  for (const file of files) parts.push(await loadInventoryFile(file));
  const merged = mergeInventories(parts);
  if (flags.out === '-') process.stdout.write(serializeInventory(merged));
  else await writeInventoryFile(flags.out, merged);
  process.exitCode = 0;
}

/** `3 orgs, 3 contact centers, 3 AWS accounts, 4 Connect instances, ...` */
export function describeCounts(inv: Inventory): string {
  const accounts = inv.aws.accounts;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return [
    count(inv.environments.length, 'environment'),
    count(inv.salesforce.orgs.length, 'org'),
    count(inv.salesforce.orgs.reduce((n, o) => n + o.contactCenters.length, 0), 'contact center'),
    count(accounts.length, 'AWS account'),
    count(accounts.reduce((n, a) => n + a.connectInstances.length, 0), 'Connect instance'),
    count(accounts.reduce((n, a) => n + a.iamRoles.length, 0), 'IAM role'),
    count(accounts.reduce((n, a) => n + a.s3Buckets.length, 0), 'S3 bucket'),
    count(inv.collection.errors.length, 'collection error'),
  ].join(', ');
}
