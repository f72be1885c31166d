import type { Severity } from './severity.js';

/** The resource a finding is about. `id` is canonical: ARN for AWS resources where one exists, org id for orgs. */
export interface ResourceRef {
  type: string;
  id: string;
  arn?: string;
  environment?: string | null;
}

/** A file position; lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  /** Set where a line is not enough, e.g. resources of a plan written on one line. */
  column?: number;
  /** The Terraform address or CloudFormation logical id declared there (inventory `origin.declaredAs`). */
  declaredAs?: string;
}

/**
 * Where a finding can be shown, by what the place is:
 * - `declaration`: the plan, template or flow file entry that declared the resource (or the
 *   action, storage config, ... the rule names through `origins`);
 * - `config`: the config entry of the AWS account or Salesforce org the resource belongs to;
 * - `inventory`: the resource's entry in an inventory file;
 * - `input`: the start of an input file of the scan (config, inventory, plan), when nothing closer is known;
 * - `rule`: the rule's METADATA block.
 */
export type LocationKind = 'declaration' | 'config' | 'inventory' | 'input' | 'rule';

export interface FindingLocation extends SourceLocation {
  kind: LocationKind;
}

/** What a policy emits (the `deny` object) plus the rule it came from. */
export interface RawFinding {
  ruleId: string;
  message: string;
  resource: ResourceRef;
  related: ResourceRef[];
  /** Set when the resource came from a file (plan, template, flow export): the first of `origins`. */
  origin?: SourceLocation;
  /**
   * Every declaration the finding points at, best first: the places the rule names (`origins` in
   * its deny object: the offending flow action, storage config, ...), then the declaration of the
   * resource, then those of related resources. Absent when none came from a file.
   */
  origins?: SourceLocation[];
  /**
   * A note, not a violation: the rule emitted `"severity": "info"` for a setup it accepts (a
   * declared multi-org group). It is reported at severity info and does not make the rule fail.
   */
  note?: true;
}

export interface RelatedResource {
  ref: string;
  description?: string;
}

/** A rule's catalog entry, built from its package METADATA (the single source of truth). */
export interface RuleMeta {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  remediation: string;
  tags: string[];
  frameworks: Record<string, string[]>;
  relatedResources: RelatedResource[];
  /**
   * The inventory sections the rule reads (METADATA custom.inputs; src/inventory/sections.ts).
   * Absent for a rule that does not declare them: it is taken to read every section.
   */
  inputs?: string[];
  /** Rego package path, e.g. scv.rules.accounts.shared_account */
  package: string;
  /** Policy file and the line of its METADATA block. */
  location: SourceLocation;
  /** A rule loaded from the user's policy folders rather than the built-in catalog (no page in docs/rules.md). */
  custom?: true;
}

/**
 * Outcomes per rule. The engine gives pass/fail/could-not-evaluate (a rule that throws is
 * reported, not a crash); src/findings/results.ts turns a pass over unread or missing inputs into
 * incomplete or not-evaluated.
 * - fail: the rule has findings.
 * - pass: the rule found nothing, and everything it reads was read.
 * - incomplete: the rule found nothing, but a collection error left one of its inputs unread, the
 *   rule said what it cannot know (its `incomplete` set), or nothing at all was collected. Gates
 *   like could-not-evaluate.
 * - could-not-evaluate: the rule failed to evaluate. Gates like a high finding.
 * - not-evaluated: the scan holds no records of a source the rule reads (a plan-only gate has no
 *   Salesforce org), so it checked nothing. Never gates.
 */
export const RULE_OUTCOMES = ['fail', 'pass', 'incomplete', 'could-not-evaluate', 'not-evaluated'] as const;
export type RuleOutcome = (typeof RULE_OUTCOMES)[number];

export interface RuleResult {
  ruleId: string;
  outcome: RuleOutcome;
  /** Present when outcome is could-not-evaluate. */
  error?: string;
  /** Present when outcome is incomplete or not-evaluated: why, as a sentence. */
  reason?: string;
  /** Present when outcome is incomplete because of collection errors: `source target operation` of each. */
  gaps?: string[];
  /**
   * What the rule said it cannot know (its `incomplete` set: a contact center whose instance cannot
   * be told apart, ...), one reason each. From the engine; a rule that found nothing and gives
   * reasons is incomplete.
   */
  cannotKnow?: string[];
}

export interface Waiver {
  rule: string;
  resource: string;
  reason: string;
  expires: string;
  environment?: string;
}

/**
 * An active waiver that matched no finding of its rule, though the rule was evaluated in full
 * (pass or fail): the risk it accepted is gone, or its resource pattern or environment is wrong.
 * A warning in the reports and on stderr; it never changes the exit code.
 */
export interface UnmatchedWaiver {
  waiver: Waiver;
  /** Position in the config's `waivers` list. */
  index: number;
  /** Where the waiver is written (the config file and the line of its entry), when known. */
  location?: { file: string; line: number };
}

export type BaselineState = 'new' | 'unchanged' | 'absent';

/** A finding after severity overrides, fingerprinting, waivers and baseline. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  resource: ResourceRef;
  related: ResourceRef[];
  fingerprint: string;
  location: SourceLocation;
  /** true when `location` points at the input file that declared the resource. */
  locationIsResource: boolean;
  /**
   * Every place the finding can be shown, best first, `location` being the first: declarations,
   * then config entries, inventory entries, input files, the rule (see LocationKind). Reports pick
   * from it (SARIF: the first file under the scan's root). Absent: `location` alone.
   */
  locations?: FindingLocation[];
  /** An info-severity note from the rule (see RawFinding.note); it does not make the rule fail. */
  note?: true;
  waiver?: Waiver;
  baselineState?: BaselineState;
}
