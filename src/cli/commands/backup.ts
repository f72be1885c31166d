/**
 * `scv-guard backup --config FILE --org ALIAS --out DIR`: a read-only snapshot of what a sandbox
 * refresh would lose for the org's contact centers (src/backup/). Exits 1 when anything could not
 * be read — the manifest and stderr say what — and 2 for bad flags or config.
 */
import { Command } from 'commander';
import { runBackup } from '../../backup/index.js';
import { loadConfig } from '../../config/load.js';
import { action, forHumans, progressLine, wantsHumanOutput } from '../output.js';

interface BackupFlags {
  config: string;
  org: string;
  out: string;
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command('backup')
    .description(
      "snapshot what a sandbox refresh would lose for an org's contact centers: CallCenter metadata XML, the Connect instances' flows and settings, Lambda configurations, role trust policies (read-only); exit 1 when something could not be read",
    )
    .requiredOption('--config <file>', 'scanner config naming the org and the AWS accounts of its contact centers')
    .requiredOption('--org <alias>', 'alias of the org under salesforce.orgs')
    .requiredOption('--out <dir>', 'new (or empty) folder the backup is written to')
    .option('--quiet', 'no progress on stderr (what could not be read is still printed)')
    .action(action(backupCommand));
}

async function backupCommand(flags: BackupFlags): Promise<void> {
  const config = loadConfig(flags.config);
  const human = wantsHumanOutput(process.stderr, flags.quiet === true);
  const { manifest, out } = await runBackup({
    config,
    org: flags.org,
    out: flags.out,
    ...(human ? { progress: progressLine(process.stderr) } : {}),
  });
  const c = manifest.counts;
  if (human) {
    process.stderr.write(
      `scv-guard: backup of ${flags.org} written to ${out}: ${c.contactCenters} contact center(s), ${c.instances} instance(s), ${c.flows} flow(s), ${c.modules} module(s), ${c.lambdaFunctions} Lambda function(s), ${c.roles} role(s)\n`,
    );
    for (const n of manifest.notFound) process.stderr.write(`scv-guard: notice: not found: ${forHumans(n.what)} (referenced by ${forHumans(n.referencedBy.join('; '))})\n`);
  }
  for (const m of manifest.missing) {
    const call = m.operation ? ` [${m.operation}: ${m.code ?? 'error'}]` : '';
    process.stderr.write(`scv-guard: missing: ${forHumans(m.what)}: ${forHumans(m.reason)}${forHumans(call)}${m.remediation ? ` — ${forHumans(m.remediation)}` : ''}\n`);
  }
  if (manifest.missing.length > 0) {
    process.stderr.write(`scv-guard: the backup is incomplete: ${manifest.missing.length} part(s) could not be read (listed in ${out}/manifest.json under "missing")\n`);
  }
  process.exitCode = manifest.missing.length > 0 ? 1 : 0;
}
