/** `scv-guard scan`: read inventories, evaluate the policies, write reports, gate on --fail-on. */
import { Command } from 'commander';
import { choiceOption } from '../choices.js';
import { formatCiLog } from '../ci-log.js';
import { ENGINE_NAMES, type EngineName } from '../../engine/types.js';
import { ScvGuardError } from '../../errors.js';
import { FAIL_ON_VALUES, type FailOn } from '../../findings/severity.js';
import { REPORT_FORMATS } from '../../report/types.js';
import type { ConfiguredScanFlags } from '../../scan/configured.js';
import { DEFAULT_RULE_TIMEOUT_MS } from '../../engine/builtin.js';
import { memoryLimitOption, parseSeconds } from '../eval-limits.js';
import { action, collectionErrorPrinter, formatScanSummary, formatUnmatchedWaivers, forHumans, progressLine, progressPrinter, scanSummaryJson, terminalWidth, wantsHumanOutput } from '../output.js';

export const DEFAULT_OUTPUT_DIR = 'reports';
export const DEFAULT_FAIL_ON: FailOn = 'high';

interface ScanFlags extends ConfiguredScanFlags {
  inventory?: string[];
  format: string;
  outputDir: string;
  failOn: FailOn;
  engine: EngineName;
  bundle?: string;
  quiet?: boolean;
  json?: boolean;
  timeout?: number;
  ruleTimeout?: number;
  memoryLimit?: number;
}

export function register(program: Command): void {
  program
    .command('scan')
    .description('collect (per --config) or read inventories, lay --plan/--flows files over them, evaluate the policies, write reports and gate on --fail-on')
    .option('--config <file>', 'scanner config (scv-guard.yaml): sources to collect, policies, settings, waivers, report defaults')
    .option('--inventory <files...>', 'inventory files (JSON or YAML) to scan; several are merged')
    .option('--plan <files...>', 'pre-deploy gate: `terraform show -json` plans or CloudFormation templates, laid over the live inventory')
    .option('--parameters <file>', 'CloudFormation parameter values for the --plan templates (JSON as `aws cloudformation` takes it)')
    .option('--no-collect', 'do not collect the sources the config names (check --plan/--flows files on their own)')
    .option('--flows <dir>', 'pre-deploy gate: folder of exported contact flow JSON files (needs --environment)')
    .option('--environment <name>', 'environment the --flows files deploy to')
    .option(
      '--policy <dir>',
      'folder (or .rego file) of custom policies, repeatable; loaded with the built-in ones and the config\'s policies.paths',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--baseline <file>', 'previous scv-guard SARIF or JSON report: mark findings new/unchanged/absent')
    .option('--fail-on-new-only', 'gate only on findings that are new against --baseline')
    .option('--root <dir>', 'the scan root: report paths are relative to it and SARIF results point only at files under it (default: the Git top level of the working directory, else the working directory)')
    .option('--scope <name>', 'scan scope for SARIF automationDetails (scv-guard/<scope>/), e.g. nightly-prod or pr-gate')
    .option('--format <list>', `comma-separated formats, any case: report files (${REPORT_FORMATS.join(', ')}) and github (workflow commands on stdout)`, REPORT_FORMATS.join(','))
    .option('--output-dir <dir>', 'directory the reports are written to', DEFAULT_OUTPUT_DIR)
    .addOption(choiceOption('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (any case)', FAIL_ON_VALUES, DEFAULT_FAIL_ON))
    .addOption(choiceOption('--engine <name>', 'policy engine', ENGINE_NAMES, 'builtin'))
    .option('--bundle <file>', 'OPA Wasm bundle (tar.gz or policy.wasm) for --engine wasm')
    .option('--timeout <seconds>', 'deadline of policy evaluation: rules not evaluated by then are could-not-evaluate (built-in engine)', parseSeconds)
    .option('--rule-timeout <seconds>', `time budget of each rule: a rule past it is could-not-evaluate (default ${DEFAULT_RULE_TIMEOUT_MS / 1000}; built-in engine)`, parseSeconds)
    .addOption(memoryLimitOption())
    .option('--quiet', 'nothing on stderr but errors that stop the scan: no progress, summary, CI list, notices, warnings or collection errors')
    .option('--json', 'print a JSON summary (counts, rule outcomes, report files) on stdout (not with --format github)')
    .action(action(scan));
}

async function scan(flags: ScanFlags, command: Command): Promise<void> {
  // Flags are checked before anything is read or written.
  // The pipeline (engine, formatters) loads only when a scan runs, keeping other commands quick to start.
  const [{ parseFormats }, { runScan }, { configuredScan }] = await Promise.all([
    import('../../report/index.js'),
    import('../../scan/run.js'),
    import('../../scan/configured.js'),
  ]);
  const formats = parseFormats(flags.format);
  if (flags.bundle !== undefined && flags.engine !== 'wasm') {
    throw new ScvGuardError('usage', '--bundle is only used with --engine wasm');
  }
  if (flags.engine === 'wasm' && flags.policy !== undefined) {
    throw new ScvGuardError('usage', '--policy is not used with --engine wasm: build your policies into the bundle');
  }
  if (flags.engine === 'wasm' && flags.bundle === undefined) {
    throw new ScvGuardError('usage', '--engine wasm needs --bundle FILE');
  }
  if (flags.engine === 'wasm' && (flags.timeout ?? flags.ruleTimeout ?? flags.memoryLimit) !== undefined) {
    throw new ScvGuardError('usage', '--timeout, --rule-timeout and --memory-limit apply to the built-in engine, not --engine wasm');
  }
  const human = wantsHumanOutput(process.stderr, flags.quiet === true);
  const fromCli = (name: string): boolean => command.getOptionValueSource(name) === 'cli';
  // Flags given on the command line win over the config's report section, which wins over defaults.
  const configured = await configuredScan(flags, {
    defaults: { formats, outputDir: flags.outputDir, failOn: flags.failOn },
    explicit: { formats: fromCli('format'), outputDir: fromCli('outputDir'), failOn: fromCli('failOn') },
    engine: flags.engine,
    ...(flags.bundle !== undefined ? { bundle: flags.bundle } : {}),
    limits: {
      ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout * 1000 } : {}),
      ...(flags.ruleTimeout !== undefined ? { ruleTimeoutMs: flags.ruleTimeout * 1000 } : {}),
      ...(flags.memoryLimit !== undefined ? { memoryLimitMb: flags.memoryLimit } : {}),
    },
    ...(human ? { progress: progressLine(process.stderr) } : {}),
    ...(flags.quiet === true ? {} : { notice: (line: string) => process.stderr.write(`scv-guard: notice: ${forHumans(line)}\n`) }),
    ...(flags.quiet === true ? {} : { onError: collectionErrorPrinter(process.stderr) }),
    ...(flags.json === true ? { stdoutTakenBy: '--json' } : {}),
  });
  const result = await runScan({
    ...configured.options,
    ...(human ? { onProgress: progressPrinter(process.stderr) } : {}),
  });
  const failOn = configured.options.failOn;
  // Waivers that matched nothing: warnings in any log, never a change of the exit code.
  if (flags.quiet !== true) process.stderr.write(formatUnmatchedWaivers(result));
  // A terminal gets the summary; a CI log (no terminal) the compact list when the scan fails or is incomplete.
  if (human) process.stderr.write(formatScanSummary(result, failOn, terminalWidth(process.stderr)));
  else if (flags.quiet !== true) process.stderr.write(formatCiLog(result, failOn));
  if (flags.json) process.stdout.write(scanSummaryJson(result));
  // --format github: workflow commands, annotations in the job log and on the pull request.
  process.stdout.write(result.stdout);
  process.exitCode = result.exitCode;
}
