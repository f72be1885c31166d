/**
 * A scan as the config and the scan flags describe it: sources (collected, inventory files,
 * plans, flows), policy paths and rule selection, rule settings (data.config), severity
 * overrides, waivers (data.scanner.waivers and the waiver stage), baseline, report settings.
 * Command-line flags win over the config's `report:` section, which wins over the defaults.
 */
import { statSync } from 'node:fs';
import { readConfig } from '../config/load.js';
import type { ScannerConfig } from '../config/types.js';
import type { CollectionError } from '../inventory/types.js';
import { createEngine, type EvaluationLimits } from '../engine/index.js';
import type { EngineName, PolicyEngine } from '../engine/types.js';
import { ScvGuardError, throwProblems } from '../errors.js';
import { baselineStage, loadBaseline } from '../findings/baseline.js';
import type { FailOn } from '../findings/severity.js';
import { waiverStage } from '../findings/waivers.js';
import { engineForConfig } from './config-checks.js';
import { isReportFormat, parseFormats } from '../report/index.js';
import type { Format } from '../report/types.js';
import type { FindingStage, ScanOptions } from './run.js';
import { scanRoot } from './root.js';
import { accountEnvironments, buildScanInventory } from './sources.js';

export interface ConfiguredScanFlags {
  config?: string;
  inventory?: string[];
  plan?: string[];
  /** CloudFormation parameter values for the --plan templates. */
  parameters?: string;
  flows?: string;
  environment?: string;
  baseline?: string;
  failOnNewOnly?: boolean;
  scope?: string;
  /** false with --no-collect: the config's sources are not collected. */
  collect?: boolean;
  /** The scan's root (`--root DIR`). */
  root?: string;
  /** --policy DIR (repeatable): custom policy folders, loaded beside the config's policies.paths. */
  policy?: string[];
}

export interface ReportSettings {
  formats: Format[];
  outputDir: string;
  failOn: FailOn;
}

export interface ConfiguredScanContext {
  defaults: ReportSettings;
  /** Which report settings were given on the command line. */
  explicit: { formats: boolean; outputDir: boolean; failOn: boolean };
  engine: EngineName;
  bundle?: string;
  /** Evaluation budgets of the built-in engine. */
  limits?: EvaluationLimits;
  progress?: (line: string) => void;
  /** Things the user should know about the inputs (shown unless --quiet), one line each. */
  notice?: (line: string) => void;
  /** Called with each collection error as it is recorded. */
  onError?: (error: CollectionError) => void;
  /** The flag that already writes to stdout (`--json`): a stdout format (`github`) is then a usage error. */
  stdoutTakenBy?: string;
  now?: Date;
}

export interface ConfiguredScan {
  config: ScannerConfig | undefined;
  /** Ready for runScan, the policy engine included. */
  options: ScanOptions & ReportSettings;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function checkScanFlags(flags: ConfiguredScanFlags): void {
  if (flags.flows !== undefined && flags.environment === undefined) {
    throw new ScvGuardError('usage', '--flows needs --environment NAME (the environment the flows deploy to)');
  }
  if (flags.environment !== undefined && flags.flows === undefined && (flags.plan ?? []).length === 0) {
    throw new ScvGuardError('usage', '--environment is only used with --plan FILE or --flows DIR (the environment they deploy to)');
  }
  if (flags.parameters !== undefined && (flags.plan ?? []).length === 0) {
    throw new ScvGuardError('usage', '--parameters is only used with --plan FILE (CloudFormation templates)');
  }
  if (flags.failOnNewOnly === true && flags.baseline === undefined) {
    throw new ScvGuardError('usage', '--fail-on-new-only needs --baseline FILE');
  }
  if (flags.scope !== undefined && !/^[A-Za-z0-9._-]+$/.test(flags.scope)) {
    throw new ScvGuardError('usage', '--scope: use letters, digits, dot, dash and underscore only');
  }
}

export async function configuredScan(flags: ConfiguredScanFlags, ctx: ConfiguredScanContext): Promise<ConfiguredScan> {
  checkScanFlags(flags);
  if (flags.root !== undefined) scanRoot(flags.root);
  const now = ctx.now ?? new Date();
  const reading = flags.config !== undefined ? readConfig(flags.config) : undefined;
  const engineOptions = {
    engine: ctx.engine,
    ...(ctx.bundle !== undefined ? { bundle: ctx.bundle } : {}),
    ...(ctx.limits !== undefined ? { limits: ctx.limits } : {}),
  };
  // Everything that can be wrong with the config fails before anything is collected, in one
  // error: the loader's problems and those only the policy catalog can tell (waiver rule ids,
  // severity overrides, rule settings), each with its line.
  let engine: PolicyEngine;
  if (reading !== undefined) {
    const checked = await engineForConfig(reading, flags.policy ?? [], engineOptions);
    throwProblems('config', checked.problems);
    if (checked.engine === undefined) throw new Error('the config has no problems, yet no engine was set up');
    engine = checked.engine;
  } else {
    engine = await createEngine({ ...engineOptions, policyPaths: flags.policy ?? [] });
  }
  const config = reading?.config;
  if (config && flags.environment !== undefined && config.environments.length > 0 && !config.environments.some((e) => e.name === flags.environment)) {
    throw new ScvGuardError('usage', `--environment ${flags.environment} is not declared under environments in ${config.file}`);
  }
  const report = config?.report ?? {};
  const settings: ReportSettings = {
    formats: ctx.explicit.formats || report.formats === undefined ? ctx.defaults.formats : parseFormats(report.formats.join(',')),
    outputDir: ctx.explicit.outputDir || report.outputDir === undefined ? ctx.defaults.outputDir : report.outputDir,
    failOn: ctx.explicit.failOn || report.failOn === undefined ? ctx.defaults.failOn : report.failOn,
  };
  const onStdout = settings.formats.filter((f) => !isReportFormat(f));
  if (ctx.stdoutTakenBy !== undefined && onStdout.length > 0) {
    throw new ScvGuardError('usage', `--format ${onStdout.join(',')} writes to stdout, as ${ctx.stdoutTakenBy} does: use one of them`);
  }
  const baseline = flags.baseline !== undefined ? loadBaseline(flags.baseline) : undefined;
  const excluded = config?.policies.exclude ?? [];
  const { inventory, inputs } = await buildScanInventory({
    ...(config ? { config } : {}),
    inventoryFiles: flags.inventory ?? [],
    planFiles: flags.plan ?? [],
    ...(flags.parameters !== undefined ? { parametersFile: flags.parameters } : {}),
    ...(flags.flows !== undefined ? { flowsDir: flags.flows } : {}),
    ...(flags.environment !== undefined ? { environment: flags.environment } : {}),
    collect: flags.collect !== false,
    now,
    ...(ctx.progress ? { progress: ctx.progress } : {}),
    ...(ctx.notice ? { notice: ctx.notice } : {}),
    ...(ctx.onError ? { onError: ctx.onError } : {}),
  });
  const waivers = config?.waivers ?? [];
  const stages: FindingStage[] = [waiverStage(waivers, config?.file, excluded)];
  if (baseline) stages.push(baselineStage(baseline));
  const scope = flags.scope ?? report.scope;
  return {
    config,
    options: {
      ...settings,
      inventoryFiles: [],
      extraInventories: [{ file: inputs.join(', '), inventory }],
      inputs,
      now,
      settings: config?.settings ?? {},
      accountEnvironments: accountEnvironments(config),
      // Overrides for excluded rules have nothing to apply to (finalize only knows evaluated rules).
      severityOverrides: Object.fromEntries(Object.entries(config?.policies.severity ?? {}).filter(([id]) => !excluded.includes(id))),
      waivers,
      ...(config?.entries ? { waiverPositions: { file: config.file, lines: config.entries.waivers } } : {}),
      findingStages: stages,
      ...(flags.failOnNewOnly ? { newOnly: true } : {}),
      ...(flags.baseline !== undefined ? { baselineFile: flags.baseline } : {}),
      ...(scope !== undefined ? { scope } : {}),
      ...(flags.root !== undefined ? { rootDir: flags.root } : {}),
      locating: {
        ...(config?.entries ? { config: { file: config.file, ...config.entries } } : {}),
        inventoryFiles: flags.inventory ?? [],
        inputFiles: (flags.plan ?? []).filter((f) => isFile(f)),
      },
      engine,
    },
  };
}
