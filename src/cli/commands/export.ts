/**
 * `scv-guard export flows --config FILE --environment ENV [--instance ID] --out DIR`: the
 * environment's contact flows and modules as flow-language JSON for Git, checked on the way out
 * (SCV-FLOW-001/002/003, SARIF located in the exported files).
 */
import { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { ScvGuardError } from '../../errors.js';
import { exportFlows } from '../../export/flows.js';
import { action, progressLine, progressPrinter, wantsHumanOutput } from '../output.js';

/** The rules an export is checked against: flows of the environment only. */
export const EXPORT_CHECK_RULES = ['SCV-FLOW-001', 'SCV-FLOW-002', 'SCV-FLOW-003'];

interface ExportFlags {
  config: string;
  environment: string;
  instance?: string;
  out: string;
  parameterize?: boolean;
  redact?: boolean;
  outputDir: string;
  root?: string;
  quiet?: boolean;
}

export function register(program: Command): void {
  const exp = program.command('export').description('export Amazon Connect assets for version control (read-only)');
  exp
    .command('flows')
    .description("write every contact flow and flow module of an environment's instance(s) as flow-language JSON, one file per flow; exit 1 when a flow references another account or environment or holds a credential")
    .requiredOption('--config <file>', 'scanner config naming the AWS accounts and their environments')
    .requiredOption('--environment <name>', 'environment whose instance(s) to export')
    .option('--instance <id>', 'only this instance (id, ARN or alias)')
    .requiredOption('--out <dir>', 'folder the flows are written to (<type>/<name>.json)')
    .option('--parameterize', 'replace the account id, region, instance id and Lambda alias with ${AccountId}, ${Region}, ${InstanceId}, ${LambdaAlias}; values in parameters.json')
    .option('--redact', 'write flows holding credential-looking literals with those values replaced, instead of leaving them out')
    .option('--output-dir <dir>', 'where the check report (SARIF, JSON) is written', 'reports')
    .option('--root <dir>', 'scan root: SARIF locations are relative to it (default: the Git top level of the working directory, else the working directory)')
    .option('--quiet', 'no progress on stderr')
    .action(action(exportFlowsCommand));
}

async function exportFlowsCommand(flags: ExportFlags): Promise<void> {
  const config = loadConfig(flags.config);
  if (!config.environments.some((e) => e.name === flags.environment)) {
    throw new ScvGuardError('usage', `--environment ${flags.environment} is not an environment of the config`, { file: flags.config });
  }
  const human = wantsHumanOutput(process.stderr, flags.quiet === true);
  const result = await exportFlows({
    config,
    environment: flags.environment,
    ...(flags.instance !== undefined ? { instance: flags.instance } : {}),
    out: flags.out,
    ...(flags.parameterize ? { parameterize: true } : {}),
    ...(flags.redact ? { redact: true } : {}),
    ...(human ? { progress: progressLine(process.stderr) } : {}),
  });
  const { runScan } = await import('../../scan/run.js');
  const scan = await runScan({
    inventoryFiles: [],
    extraInventories: [{ file: flags.out, inventory: result.inventory }],
    formats: ['sarif', 'json'],
    outputDir: flags.outputDir,
    failOn: 'info',
    engineOptions: { engine: 'builtin', policyPaths: config.policies.paths ?? [], include: EXPORT_CHECK_RULES },
    settings: config.settings,
    scope: `export-${flags.environment}`,
    ...(flags.root !== undefined ? { rootDir: flags.root } : {}),
    ...(human ? { onProgress: progressPrinter(process.stderr) } : {}),
  });
  const written = result.flows.filter((f) => f.file !== null).length;
  const withheld = result.flows.filter((f) => f.withheld);
  // Flow names, targets and messages come from the org and the AWS account: escaped for the terminal.
  const say = progressLine(process.stderr);
  say(`exported ${written} flow(s) to ${flags.out}${result.parameters ? ' (parameterized, parameters.json)' : ''}`);
  for (const f of withheld) {
    say(`left out ${f.flow.type} ${f.flow.name}: it holds what looks like a credential (SCV-FLOW-002); remove it, or export with --redact`);
  }
  for (const e of result.errors) say(`could not read ${e.operation} for ${e.target}: ${e.code} (${e.message})`);
  for (const f of scan.findings.filter((x) => x.waiver === undefined)) say(`${f.ruleId} ${f.message}`);
  process.exitCode = scan.exitCode !== 0 || result.errors.length > 0 || withheld.length > 0 ? 1 : 0;
}
