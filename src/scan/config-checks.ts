/**
 * The config checks only the policy catalog can make, reported with the config's own problems in
 * one error: waiver rule ids and severity overrides that name no rule (with a "did you mean"),
 * rule ids in policies.include/exclude, and rule settings (built-in settings of the wrong type,
 * keys no policy reads). Each problem is located in the config file (line, column, key path).
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ConfigReading } from '../config/load.js';
import type { KeyPath } from '../config/interpolate.js';
import { createEngine, type EngineOptions } from '../engine/index.js';
import { RuleSelectionError } from '../engine/builtin.js';
import type { PolicyEngine, RuleSettingsInfo } from '../engine/types.js';
import { settingsIssues } from '../engine/settings.js';
import type { Problem } from '../errors.js';
import { closestRuleId } from '../findings/waivers.js';
import { isRecord, recordOf } from '../plain-objects.js';

interface Issue {
  segments: KeyPath;
  message: string;
}

type Selection = Pick<EngineOptions, 'policyPaths' | 'include' | 'exclude'>;

const stringsOf = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);

/**
 * Which policies the config selects (`policies.paths` resolved against the config's folder,
 * include, exclude), also from a config with problems elsewhere; undefined when that part of the
 * config is itself wrong (the catalog is then not known).
 */
export function policySelection(reading: ConfigReading): Selection | undefined {
  if (reading.document === undefined) return undefined;
  const faulty = reading.problems.some((p) => /^policies(\.(paths|include|exclude)\b|$)/.test(p.location.path ?? ''));
  if (faulty) return undefined;
  const policies = recordOf(reading.document.policies);
  const [paths, include, exclude] = [stringsOf(policies.paths ?? []), stringsOf(policies.include ?? []), stringsOf(policies.exclude ?? [])];
  if (paths === undefined || include === undefined || exclude === undefined) return undefined;
  const base = dirname(reading.file);
  return {
    policyPaths: paths.map((p) => (isAbsolute(p) ? p : resolve(base, p))),
    ...(policies.include !== undefined ? { include } : {}),
    ...(policies.exclude !== undefined ? { exclude } : {}),
  };
}

/**
 * Sets up the engine for the config's policy selection and returns it with every config problem
 * (the loader's and the catalog's), in the order of the file; the caller throws them together.
 * Without a usable selection, or when the policies cannot be loaded while the config already has
 * problems, the engine is undefined and the loader's problems are returned alone.
 */
export async function engineForConfig(
  reading: ConfigReading,
  extraPolicyPaths: readonly string[],
  options: Omit<EngineOptions, 'policyPaths' | 'include' | 'exclude'>,
): Promise<{ engine: PolicyEngine | undefined; problems: Problem[] }> {
  const problems = [...reading.problems];
  const selection = policySelection(reading);
  if (selection === undefined) return { engine: undefined, problems };
  const located = (issues: readonly Issue[]): Problem[] => issues.map((i) => ({ message: i.message, location: reading.locate(i.segments) }));
  const policyPaths = [...selection.policyPaths, ...extraPolicyPaths];
  let engine: PolicyEngine;
  try {
    engine = await createEngine({ ...options, ...selection, policyPaths });
  } catch (err) {
    if (!(err instanceof RuleSelectionError)) {
      if (problems.length > 0) return { engine: undefined, problems };
      throw err;
    }
    problems.push(...located(err.unknown.map((u) => ({ segments: ['policies', u.list, u.index], message: u.message }))));
    // The other checks against the whole catalog; this engine never evaluates.
    const whole = await createEngine({ ...options, policyPaths });
    problems.push(...located(catalogIssues(reading.document!, whole.catalog().map((r) => r.id), [], whole.settingsInfo())));
    return { engine: undefined, problems: inFileOrder(problems) };
  }
  const ids = engine.catalog().map((r) => r.id);
  problems.push(...located(catalogIssues(reading.document!, ids, selection.exclude ?? [], engine.settingsInfo())));
  return { engine, problems: inFileOrder(problems) };
}

/** Waiver rule ids, severity overrides and settings the catalog does not know. `excluded` ids exist but are left out. */
export function catalogIssues(document: Record<string, unknown>, ruleIds: readonly string[], excluded: readonly string[], settings: RuleSettingsInfo): Issue[] {
  const known = new Set([...ruleIds, ...excluded]);
  const issues: Issue[] = [];
  const unknownRule = (id: string, what: string): string => {
    const near = closestRuleId(id, known);
    return `${what} ${JSON.stringify(id)}, or a rule policies.include leaves out (see \`scv-guard policy list\`)${near !== undefined ? `; did you mean ${near}?` : ''}`;
  };
  (Array.isArray(document.waivers) ? document.waivers : []).forEach((w: unknown, i) => {
    const rule = recordOf(w).rule;
    if (typeof rule === 'string' && !known.has(rule)) issues.push({ segments: ['waivers', i, 'rule'], message: unknownRule(rule, 'unknown rule id') });
  });
  for (const id of Object.keys(recordOf(recordOf(document.policies).severity))) {
    if (!known.has(id)) issues.push({ segments: ['policies', 'severity', id], message: unknownRule(id, 'severity override for unknown rule id') });
  }
  if (isRecord(document.settings)) issues.push(...settingsIssues(document.settings, settings.defaults, settings.keysRead));
  return issues;
}

function inFileOrder(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.location.line ?? Number.MAX_SAFE_INTEGER) - (b.p.location.line ?? Number.MAX_SAFE_INTEGER) || a.i - b.i)
    .map(({ p }) => p);
}
