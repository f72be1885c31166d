/**
 * `terraform show -json PLANFILE` plans (format_version 1.x). Resources come from
 * `resource_changes[].change.after` (destroyed ones are left out), or from
 * `planned_values.root_module` when a plan has no changes list. Values known only after apply
 * are absent from `after` and read as null; references between resources of the plan (a storage
 * config's bucket, a flow's instance) are recovered from `configuration` expressions.
 * A resource's origin is the line and column where its `resource_changes` entry starts: terraform
 * writes the plan on one line, where the column tells resources apart; a pretty-printed plan
 * gets the entry's own line.
 */
import { ScvGuardError, type ErrorLocation } from '../../../errors.js';
import { jsonPathText } from '../../../input/json.js';
import { parseJsonWithPositions, type JsonPathSegment, type TextPosition } from '../json-positions.js';
import { checkTerraformValues } from './shapes.js';
import { assembleEstate, emptyEstate, type PlannedEstate, type Ref } from '../planned.js';
import type { InputParser, ParseOptions, ParsedInput } from '../types.js';
import { mapTerraformResource, type TfResource } from './resources.js';
import { isRecord } from '../../../plain-objects.js';

type Obj = Record<string, unknown>;

export const terraformPlanParser: InputParser = {
  kind: 'terraform-plan',
  canParse(file: string, text: string): boolean {
    return /\.json$/i.test(file) && /"format_version"\s*:/.test(text) && /"(planned_values|resource_changes)"\s*:/.test(text);
  },
  parse(file: string, text: string, opts: ParseOptions): ParsedInput {
    const json = parseJsonWithPositions(text, file);
    const plan = json.value;
    if (!isRecord(plan) || typeof plan.format_version !== 'string') {
      throw new ScvGuardError('input-schema', 'expected `terraform show -json` output with a format_version', { file, path: '$.format_version' });
    }
    if (!/^[01]\./.test(plan.format_version)) {
      throw new ScvGuardError('input-schema', `unsupported plan format_version ${plan.format_version} (expected 1.x)`, { file, path: '$.format_version' });
    }
    const expressions = configurationExpressions(plan.configuration);
    const resources = planResources(plan, (path) => json.positionOf(path), file);
    const addresses = new Map<string, string>();
    for (const r of resources) {
      const base = baseAddress(r.address);
      if (!addresses.has(base)) addresses.set(base, r.address);
    }
    const estate: PlannedEstate = emptyEstate();
    estate.region = providerRegion(plan.configuration);
    for (const r of resources) {
      const exprs = expressions.get(baseAddress(r.address)) ?? {};
      const modulePrefix = /^((?:module\.[^.]+\.)*)/.exec(baseAddress(r.address))![1]!;
      const ref = (path: JsonPathSegment[]): Ref => referenceAt(r.values, exprs, path, modulePrefix, addresses);
      mapTerraformResource(r, ref, estate, file);
    }
    return assembleEstate(estate, 'terraform-plan', file, opts);
  },
};

/** `module.a[0].aws_s3_bucket.b["x"]` → `module.a.aws_s3_bucket.b` (configuration addresses). */
export function baseAddress(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

function planResources(plan: Obj, positionOf: (path: JsonPathSegment[]) => TextPosition | null, file: string): TfResource[] {
  const out: TfResource[] = [];
  const lineOf = (path: JsonPathSegment[]): number | null => positionOf(path)?.line ?? null;
  const attributesAt = (valuesPath: JsonPathSegment[]) => (name: string): ErrorLocation => {
    const path = [...valuesPath, name];
    const at = positionOf(path);
    return { file, path: jsonPathText(path), ...(at ? { line: at.line, column: at.column } : {}) };
  };
  const malformed = (path: JsonPathSegment[], message: string): never => {
    const line = lineOf(path);
    throw new ScvGuardError('input-schema', message, { file, path: jsonPathText(path), ...(line !== null ? { line } : {}) });
  };
  if (plan.resource_changes !== undefined && plan.resource_changes !== null && !Array.isArray(plan.resource_changes)) {
    malformed(['resource_changes'], 'expected a list of resource changes');
  }
  if (Array.isArray(plan.resource_changes)) {
    plan.resource_changes.forEach((rc, i) => {
      if (!isRecord(rc) || typeof rc.type !== 'string' || typeof rc.address !== 'string') {
        return malformed(['resource_changes', i], 'expected a resource change with a string type and address');
      }
      if (rc.mode !== 'managed') return;
      if (!isRecord(rc.change) || !Array.isArray(rc.change.actions)) {
        return malformed(['resource_changes', i, 'change'], `${rc.type}: expected a change object with a list of actions`);
      }
      const change = rc.change;
      const actions = (change.actions as unknown[]).map(String);
      // Deleted, or removed from state without being destroyed: not there after apply.
      if (actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget')) return;
      checkTerraformValues(rc.type, change.after, ['resource_changes', i, 'change', 'after'], file, lineOf);
      out.push({
        address: rc.address,
        type: rc.type,
        values: isRecord(change.after) ? change.after : {},
        creating: actions.includes('create'),
        position: positionOf(['resource_changes', i]),
        attributeAt: attributesAt(['resource_changes', i, 'change', 'after']),
      });
    });
    return out;
  }
  const walk = (module: unknown, path: JsonPathSegment[]): void => {
    if (!isRecord(module)) return;
    if (Array.isArray(module.resources)) {
      module.resources.forEach((r, i) => {
        if (!isRecord(r) || typeof r.type !== 'string' || typeof r.address !== 'string') {
          return malformed([...path, 'resources', i], 'expected a resource with a string type and address');
        }
        if (r.mode !== 'managed') return;
        checkTerraformValues(r.type, r.values, [...path, 'resources', i, 'values'], file, lineOf);
        out.push({
          address: r.address,
          type: r.type,
          values: isRecord(r.values) ? r.values : {},
          creating: false,
          position: positionOf([...path, 'resources', i]),
          attributeAt: attributesAt([...path, 'resources', i, 'values']),
        });
      });
    }
    if (Array.isArray(module.child_modules)) module.child_modules.forEach((c, i) => walk(c, [...path, 'child_modules', i]));
  };
  const pv = isRecord(plan.planned_values) ? plan.planned_values : {};
  walk(pv.root_module, ['planned_values', 'root_module']);
  return out;
}

/** Configuration expressions by resource address (module calls prefixed `module.<name>.`). */
function configurationExpressions(configuration: unknown): Map<string, Obj> {
  const out = new Map<string, Obj>();
  const walk = (module: unknown, prefix: string): void => {
    if (!isRecord(module)) return;
    if (Array.isArray(module.resources)) {
      for (const r of module.resources) {
        if (isRecord(r) && typeof r.address === 'string' && isRecord(r.expressions)) out.set(prefix + r.address, r.expressions);
      }
    }
    if (isRecord(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) {
        if (isRecord(call)) walk(call.module, `${prefix}module.${name}.`);
      }
    }
  };
  if (isRecord(configuration)) walk(configuration.root_module, '');
  return out;
}

function providerRegion(configuration: unknown): string | null {
  if (!isRecord(configuration) || !isRecord(configuration.provider_config)) return null;
  for (const [key, provider] of Object.entries(configuration.provider_config)) {
    if (key !== 'aws' || !isRecord(provider) || !isRecord(provider.expressions)) continue;
    const region = provider.expressions.region;
    if (isRecord(region) && typeof region.constant_value === 'string') return region.constant_value;
  }
  return null;
}

export function valueAt(root: unknown, path: readonly JsonPathSegment[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isRecord(cur) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** A known string value, else the planned resource its configuration expression references. */
function referenceAt(values: Obj, exprs: Obj, path: JsonPathSegment[], modulePrefix: string, addresses: Map<string, string>): Ref {
  const value = valueAt(values, path);
  if (typeof value === 'string' && value !== '') return { known: value };
  const expr = valueAt(exprs, path);
  const refs = isRecord(expr) && Array.isArray(expr.references) ? expr.references : [];
  for (const r of refs) {
    if (typeof r !== 'string') continue;
    const parts = (modulePrefix + r).split('.');
    for (let n = parts.length; n >= 2; n--) {
      const hit = addresses.get(baseAddress(parts.slice(0, n).join('.')));
      if (hit !== undefined) return { planned: hit };
    }
  }
  return null;
}
