import type { Finding, RuleMeta, RuleResult, UnmatchedWaiver } from '../findings/model.js';
import type { FailOn } from '../findings/severity.js';
import type { EngineName } from '../engine/types.js';
import type { Inventory } from '../inventory/types.js';
import type { EstateLayout } from './html-graph.js';

/** Report formats, each written to a file in the output directory (and the default `--format`). */
export const REPORT_FORMATS = ['sarif', 'json', 'markdown', 'junit', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats written to stdout: `github`, GitHub workflow commands (annotations). */
export const STDOUT_FORMATS = ['github'] as const;
export type StdoutFormat = (typeof STDOUT_FORMATS)[number];

/** Every output format `--format` and `report.formats` take; an unknown name is an error, never a silent fallback. */
export const FORMATS = [...REPORT_FORMATS, ...STDOUT_FORMATS] as const;
export type Format = (typeof FORMATS)[number];

export const REPORT_FILE_NAMES: Record<ReportFormat, string> = {
  sarif: 'scv-guard.sarif',
  json: 'scv-guard.json',
  markdown: 'scv-guard.md',
  junit: 'scv-guard.junit.xml',
  html: 'scv-guard.html',
};

export interface RunInfo {
  toolVersion: string;
  /** RFC 3339; the only time a report carries. */
  generatedAt: string;
  /** SARIF automationDetails.id is `scv-guard/<scope>/`. */
  scope: string;
  failOn: FailOn;
  engine: EngineName;
  /** Inventory, plan and flow files read, as given. */
  inputs: string[];
  /** Directory report paths are made relative to (SARIF originalUriBaseIds SRCROOT). */
  rootDir: string;
  baselineFile?: string;
  /**
   * Resources whose AWS account is not known (pre-deploy files that say nothing of where they
   * deploy); set when there are any. Rules that compare accounts were silent for them.
   */
  resourcesWithoutKnownAccount?: number;
}

export interface ReportInput {
  findings: Finding[];
  /** Every rule of the catalog, evaluated or not. */
  catalog: RuleMeta[];
  results: RuleResult[];
  run: RunInfo;
  /** Active waivers that matched no finding (warnings; see unmatchedWaivers). Absent: none. */
  unmatchedWaivers?: UnmatchedWaiver[];
  /** The scanned estate; the HTML report draws it as a graph. Optional: other formats ignore it. */
  inventory?: Inventory;
  /** Graph layout of `inventory`, filled in by the HTML report's async prepare step (elkjs). */
  estateLayout?: EstateLayout;
}

/** A formatter is a pure function: same input, same text. */
export type Formatter = (input: ReportInput) => string;
