/** `scv-guard policy test|list|doc|library|show|new`: the rule catalog, its tests and custom rules. */
import { Command } from 'commander';
import { choiceOption } from '../choices.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ScvGuardError } from '../../errors.js';
import { loadPolicies } from '../../engine/builtin.js';
import { builtinPoliciesDir } from '../../engine/policy-files.js';
import { renderRulesMarkdown, settingDefaults } from '../../engine/policy-doc.js';
import { DEFAULT_TEST_TIMEOUT_MS, runPolicyTests, type PolicyTestReport } from '../../engine/policy-test.js';
import { defaultHeapBudgetMb } from '../../rego/index.js';
import { action, forHumans } from '../output.js';
import { escapeControlChars, jsonOutput } from '../../text/control-chars.js';
import { memoryLimitOption, parseSeconds } from '../eval-limits.js';
import { writeTextOutput } from '../text-output.js';
import { renderLibraryMarkdown } from '../../engine/library-doc.js';
import { scaffoldPolicy } from '../../engine/policy-scaffold.js';
import { formatRuleDetails, ruleDetails } from '../../engine/rule-details.js';
import { SEVERITIES, type Severity } from '../../findings/severity.js';

type OutputFormat = 'text' | 'json';
const FORMATS: OutputFormat[] = ['text', 'json'];

export function register(program: Command): void {
  const policy = program.command('policy').description('test, list and document the policies');

  policy
    .command('test')
    .description('run the test_* rules of the policy tests (*_test.rego), like opa test; exit 1 when one fails')
    .argument('[dirs...]', 'policy directories or files whose tests run (default: the built-in policies)')
    .option('--run <regex>', 'only tests whose package.name matches this regular expression')
    .option('-v, --verbose', 'list every test, not only failures')
    .option('--no-builtin', 'do not load the built-in policies and their helper library (data.scv.lib)')
    .addOption(choiceOption('--format <format>', 'output format', FORMATS, 'text'))
    .option('--timeout <seconds>', `time budget of each test; a test past it is an error (default ${DEFAULT_TEST_TIMEOUT_MS / 1000})`, parseSeconds)
    .addOption(memoryLimitOption())
    .action(action(test));

  policy
    .command('list')
    .description('list the rules: id, severity, title')
    .option('--policy-path <dirs...>', 'user policy directories, added to the built-in policies')
    .addOption(choiceOption('--format <format>', 'output format', FORMATS, 'text'))
    .action(action(list));

  policy
    .command('doc')
    .description('write the Markdown rule catalog generated from the rules\' METADATA')
    .option('--policy-path <dirs...>', 'user policy directories, added to the built-in policies')
    .option('-o, --out <file>', 'file to write (default: stdout)')
    .action(action(doc));

  policy
    .command('library')
    .description('write the reference of the helper library data.scv.lib.* (Markdown), generated from its comments')
    .option('-o, --out <file>', 'file to write (default: stdout)')
    .action(action(library));

  policy
    .command('show')
    .description("print a rule's metadata, the settings it reads and its source file")
    .argument('<id>', 'rule id, e.g. SCV-FLOW-001')
    .option('--policy-path <dirs...>', 'user policy directories, added to the built-in policies')
    .addOption(choiceOption('--format <format>', 'output format', FORMATS, 'text'))
    .action(action(show));

  policy
    .command('new')
    .description('scaffold a custom rule: <dir>/<family>/<name>.rego with METADATA and an example check, and its test')
    .argument('<id>', 'rule id, e.g. ACME-CONNECT-001 (package scv.rules.acme.connect_001)')
    .requiredOption('--dir <dir>', 'folder of your policies (created when missing), e.g. policies-custom')
    .addOption(choiceOption('--severity <severity>', 'severity of the rule', SEVERITIES, 'medium'))
    .action(action(scaffold));
}

interface TestFlags {
  run?: string;
  verbose?: boolean;
  /** false with --no-builtin. */
  builtin: boolean;
  format: OutputFormat;
  timeout?: number;
  memoryLimit?: number;
}

async function test(dirs: string[], flags: TestFlags): Promise<void> {
  let match: RegExp | undefined;
  if (flags.run !== undefined) {
    try {
      match = new RegExp(flags.run);
    } catch (e) {
      throw new ScvGuardError('usage', `--run is not a valid regular expression: ${(e as Error).message}`);
    }
  }
  const report = runPolicyTests({
    dirs,
    noBuiltin: !flags.builtin,
    ...(match ? { match } : {}),
    timeoutMs: (flags.timeout ?? DEFAULT_TEST_TIMEOUT_MS / 1000) * 1000,
    memoryLimitMb: flags.memoryLimit ?? defaultHeapBudgetMb(),
  });
  if (flags.format === 'json') process.stdout.write(jsonOutput(report));
  else process.stdout.write(forHumans(formatTestReport(report, flags.verbose === true)));
  process.exitCode = report.failed + report.errors > 0 ? 1 : 0;
}

export function formatTestReport(report: PolicyTestReport, verbose: boolean): string {
  const lines: string[] = [];
  for (const r of report.results) {
    if (!verbose && r.outcome === 'pass') continue;
    const where = `${r.file}:${r.line}`;
    const label = r.outcome.toUpperCase().padEnd(5);
    lines.push(`${label} ${r.package}.${r.name} (${where}, ${r.durationMs.toFixed(1)}ms)${r.error ? `: ${r.error}` : ''}`);
  }
  const total = report.results.length;
  if (lines.length > 0) lines.push('-'.repeat(60));
  lines.push(
    total === 0
      ? 'no tests found'
      : `PASS: ${report.passed}/${total}` +
          (report.failed > 0 ? `  FAIL: ${report.failed}/${total}` : '') +
          (report.errors > 0 ? `  ERROR: ${report.errors}/${total}` : ''),
  );
  return lines.join('\n') + '\n';
}

async function list(flags: { policyPath?: string[]; format: OutputFormat }): Promise<void> {
  const { catalog } = loadPolicies(flags.policyPath ?? []);
  if (flags.format === 'json') {
    process.stdout.write(jsonOutput(catalog));
  } else {
    const idWidth = Math.max(2, ...catalog.map((r) => r.id.length));
    const sevWidth = Math.max(8, ...catalog.map((r) => r.severity.length));
    const rows = [`${'ID'.padEnd(idWidth)}  ${'SEVERITY'.padEnd(sevWidth)}  TITLE`];
    for (const r of catalog) rows.push(`${r.id.padEnd(idWidth)}  ${r.severity.padEnd(sevWidth)}  ${r.title}`);
    // Titles of custom rules (and of a bundle's sources) are shown as text: escaped for the terminal.
    process.stdout.write(forHumans(rows.join('\n')) + '\n');
  }
  process.exitCode = 0;
}

/** The rules catalog as docs/rules.md holds it. */
export function generateRulesDoc(policyPaths: string[] = []): string {
  const { policy, catalog } = loadPolicies(policyPaths);
  return renderRulesMarkdown(catalog, settingDefaults(policy), resolve(builtinPoliciesDir(), '..'));
}

async function doc(flags: { policyPath?: string[]; out?: string }): Promise<void> {
  // Titles and descriptions of custom rules are shown as text: control characters as escapes.
  writeTextOutput(flags.out, escapeControlChars(generateRulesDoc(flags.policyPath ?? [])), 'the rule catalog');
  process.exitCode = 0;
}

async function library(flags: { out?: string }): Promise<void> {
  writeTextOutput(flags.out, renderLibraryMarkdown(), 'the helper library reference');
  process.exitCode = 0;
}

async function show(id: string, flags: { policyPath?: string[]; format: OutputFormat }): Promise<void> {
  const { policy, catalog } = loadPolicies(flags.policyPath ?? []);
  const rule = catalog.find((r) => r.id === id);
  if (!rule) throw new ScvGuardError('usage', `no rule ${id} among the loaded policies (scv-guard policy list shows them)`);
  const details = ruleDetails(rule, policy);
  if (flags.format === 'json') process.stdout.write(jsonOutput(details));
  else process.stdout.write(forHumans(formatRuleDetails(details)));
  process.exitCode = 0;
}

async function scaffold(id: string, flags: { dir: string; severity: Severity }): Promise<void> {
  const paths = existsSync(flags.dir) ? [flags.dir] : [];
  const { catalog } = loadPolicies(paths);
  const made = scaffoldPolicy({ id, dir: flags.dir, severity: flags.severity, takenIds: new Set(catalog.map((r) => r.id)) });
  process.stderr.write(
    `scv-guard: wrote ${made.rule} and ${made.test} (package ${made.package})\n` +
      `scv-guard: test it with: scv-guard policy test ${flags.dir}\n` +
      `scv-guard: scan with it: scv-guard scan --policy ${flags.dir} --inventory inventory.json\n`,
  );
  process.exitCode = 0;
}
