/**
 * The scan pipeline as a library: read and merge inventories → set up the engine → evaluate →
 * finalize findings → finding stages (waivers, baseline) → outcomes, summary, exit decision →
 * reports. Nothing is written before every input has been read and validated.
 */
import { createEngine, type EngineOptions } from '../engine/index.js';
import type { EngineName, PolicyData, PolicyEngine } from '../engine/types.js';
import { finalizeFindings, type SeverityOverrides } from '../findings/finalize.js';
import type { Finding, RuleMeta, RuleResult, UnmatchedWaiver, Waiver } from '../findings/model.js';
import { unmatchedWaivers, type WaiverPositions } from '../findings/waivers.js';
import { gateVerdict, ruleOutcomes, summarize, type GateVerdict, type ScanExitCode, type ScanSummary } from '../findings/results.js';
import type { FailOn } from '../findings/severity.js';
import { loadInventoryFile } from '../inventory/load.js';
import { mergeInventories, type InventoryPart } from '../inventory/merge.js';
import type { Inventory } from '../inventory/types.js';
import { countResourcesWithoutKnownAccount } from '../inventory/unknown-account.js';
import { isReportFormat, renderReport, writeReports } from '../report/index.js';
import type { Format, ReportInput, RunInfo } from '../report/types.js';
import { toolVersion } from './version.js';
import { locateFindings, type LocatingInputs } from './locate.js';
import { scanRoot } from './root.js';
import { ScvGuardError } from '../errors.js';

export type ScanPhase = 'read' | 'evaluate' | 'finalize' | 'report';

export interface ScanProgress {
  phase: ScanPhase;
  message: string;
}

/** What a finding stage (waivers, baseline diff) may look at besides the findings. */
export interface FindingStageContext {
  now: Date;
  inventory: Inventory;
  catalog: readonly RuleMeta[];
}

/**
 * A step run on the finalized findings, in order: waivers set `finding.waiver`, a baseline diff
 * sets `finding.baselineState`. It returns the findings to continue with.
 */
export type FindingStage = (findings: Finding[], ctx: FindingStageContext) => Finding[] | Promise<Finding[]>;

export interface ScanOptions {
  /** Inventory files (JSON or YAML) to read and merge. */
  inventoryFiles: string[];
  /**
   * Partial inventories produced before the scan (live collection, plan or flow files). Merged
   * after the inventory files; `file` names the source in merge conflicts.
   */
  extraInventories?: InventoryPart[];
  /** Output formats: report files to write, and stdout formats (`github`) to render into `stdout`; none writes no report. */
  formats: Format[];
  /** Where reports go (created when missing). */
  outputDir: string;
  failOn: FailOn;
  /** Only findings new against the baseline gate. */
  newOnly?: boolean;
  /** A ready engine (tests, or a caller that reuses one); else one is created from `engineOptions`. */
  engine?: PolicyEngine;
  engineOptions?: EngineOptions;
  /** Rule settings handed to the policies as data.config. */
  settings?: Record<string, unknown>;
  /** Per-rule severity overrides; an unknown rule id is an error. */
  severityOverrides?: SeverityOverrides;
  /**
   * The config's account id → environment mapping (`aws.accounts[].environment`), which the
   * policies see as data.scanner.accountEnvironments: it also places accounts the scan holds no
   * record of (a `--plan` scan, or accounts not collected).
   */
  accountEnvironments?: Record<string, string>;
  /** Waivers the policies see as data.scanner.waivers (SCV-WAIVER-001); applied by a finding stage. */
  waivers?: Waiver[];
  /** Where each waiver is written (config file, line by index): unmatched waivers are reported there. */
  waiverPositions?: WaiverPositions;
  /** Finding stages (waivers, baseline), run in order after finalizing. */
  findingStages?: FindingStage[];
  /** The baseline file compared against, recorded in the report run info. */
  baselineFile?: string;
  /** The run's time (default: now); the only time a report carries. */
  now?: Date;
  /** SARIF automationDetails scope (default `scan`). */
  scope?: string;
  /**
   * The scan's root: report paths are relative to it and SARIF results point only at files under
   * it (default: the Git top level of the working directory, else the working directory).
   */
  rootDir?: string;
  /** What findings may point at besides their declarations and rules (config entries, inputs). */
  locating?: Omit<LocatingInputs, 'cwd' | 'inventoryFiles'> & { inventoryFiles?: string[] };
  /** Input files named in the report (default: the inventory files and extra parts' names). */
  inputs?: string[];
  onProgress?: (event: ScanProgress) => void;
}

export interface ScanResult {
  inventory: Inventory;
  catalog: RuleMeta[];
  findings: Finding[];
  /** One outcome per evaluated rule: fail / pass / incomplete / could-not-evaluate / not-evaluated. */
  results: RuleResult[];
  summary: ScanSummary;
  exitCode: ScanExitCode;
  /** What decided the exit code. */
  verdict: GateVerdict;
  /** Active waivers that matched no finding of a rule evaluated in full: warnings, never gating. */
  unmatchedWaivers: UnmatchedWaiver[];
  /** Report files written. */
  files: string[];
  /** What the stdout formats (`github`) rendered, for the caller to print; '' without them. */
  stdout: string;
  run: RunInfo;
}

export const DEFAULT_ENGINE: EngineName = 'builtin';

export async function runScan(options: ScanOptions): Promise<ScanResult> {
  const now = options.now ?? new Date();
  const progress = options.onProgress ?? (() => undefined);

  const inputs = options.inputs ?? [...options.inventoryFiles, ...(options.extraInventories ?? []).map((p) => p.file)];
  progress({ phase: 'read', message: `reading ${inputs.length <= 3 ? inputs.join(', ') : plural(inputs.length, 'input')}` });
  const inventory = await readInputs(options.inventoryFiles, options.extraInventories ?? []);

  const engine = options.engine ?? (await createEngine(options.engineOptions ?? { engine: DEFAULT_ENGINE, policyPaths: [] }));
  const catalog = engine.catalog();
  progress({ phase: 'evaluate', message: `evaluating ${plural(catalog.length, 'rule')} with the ${engine.name} engine` });
  const evaluation = await engine.evaluate(inventory, policyData(options, now));

  progress({ phase: 'finalize', message: `${plural(evaluation.findings.length, 'finding')} before waivers and baseline` });
  let findings = finalizeFindings(evaluation.findings, catalog, options.severityOverrides);
  for (const stage of options.findingStages ?? []) {
    findings = await stage(findings, { now, inventory, catalog });
  }
  findings = await locateFindings(findings, inventory, {
    cwd: process.cwd(),
    ...(options.locating?.config ? { config: options.locating.config } : {}),
    inventoryFiles: [...options.inventoryFiles, ...(options.locating?.inventoryFiles ?? [])],
    inputFiles: options.locating?.inputFiles ?? [],
  });

  const results = ruleOutcomes(evaluation.results, findings, { catalog, inventory, waiverCount: (options.waivers ?? []).length });
  const summary = summarize(findings, results, now);
  const verdict = gateVerdict(findings, options.failOn, { newOnly: options.newOnly ?? false, results, now });
  const unmatched = unmatchedWaivers(options.waivers ?? [], findings, results, now, options.waiverPositions);
  const exitCode = verdict.exitCode;

  const withoutAccount = countResourcesWithoutKnownAccount(inventory);
  const run: RunInfo = {
    toolVersion: toolVersion(),
    generatedAt: now.toISOString(),
    scope: options.scope ?? 'scan',
    failOn: options.failOn,
    engine: engine.name,
    inputs,
    rootDir: scanRoot(options.rootDir),
    ...(options.baselineFile !== undefined ? { baselineFile: options.baselineFile } : {}),
    ...(withoutAccount > 0 ? { resourcesWithoutKnownAccount: withoutAccount } : {}),
  };
  const reportInput: ReportInput = { findings, catalog, results, run, inventory, unmatchedWaivers: unmatched };
  const fileFormats = options.formats.filter(isReportFormat);
  let stdout = '';
  for (const format of options.formats.filter((f) => !isReportFormat(f))) stdout += await renderReport(format, reportInput);
  let files: string[] = [];
  if (fileFormats.length > 0) {
    progress({ phase: 'report', message: `writing ${fileFormats.join(', ')} to ${options.outputDir}` });
    files = await writeReports(fileFormats, reportInput, options.outputDir);
  }
  return { inventory, catalog, findings, results, summary, exitCode, verdict, unmatchedWaivers: unmatched, files, stdout, run };
}

/** Reads and validates every inventory file, then merges them with the extra partials. */
export async function readInputs(files: readonly string[], extra: readonly InventoryPart[] = []): Promise<Inventory> {
  if (files.length === 0 && extra.length === 0) {
    throw new ScvGuardError('usage', 'nothing to scan: give at least one --inventory FILE');
  }
  const parts: InventoryPart[] = [];
  for (const file of files) parts.push(await loadInventoryFile(file));
  parts.push(...extra);
  return parts.length === 1 ? parts[0]!.inventory : mergeInventories(parts);
}

function policyData(options: ScanOptions, now: Date): PolicyData {
  return {
    config: options.settings ?? {},
    scanner: { now: now.toISOString(), waivers: options.waivers ?? [], accountEnvironments: options.accountEnvironments ?? {} },
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
