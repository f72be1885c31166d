import { parse as parseYaml } from 'yaml';
import type { Module, Rule } from './ast.js';
import { RegoParseError, type Location } from './errors.js';
import { fromJSON, RegoObject, type Value } from './value.js';

export type AnnotationScope = 'package' | 'subpackages' | 'rule' | 'document';
const SCOPES: readonly AnnotationScope[] = ['package', 'subpackages', 'rule', 'document'];
const KNOWN_KEYS = new Set([
  'scope',
  'title',
  'description',
  'related_resources',
  'authors',
  'organizations',
  'schemas',
  'entrypoint',
  'custom',
  'compile',
]);

/** One `# METADATA` block. */
export interface Annotation {
  scope: AnnotationScope;
  title?: string;
  description?: string;
  related_resources?: { ref: string; description?: string }[];
  authors?: { name?: string; email?: string }[];
  organizations?: string[];
  entrypoint?: boolean;
  custom?: Record<string, unknown>;
  /** Data path the block annotates: the package path, or the rule's path. */
  path: string[];
  /** Where the `# METADATA` line is. */
  location: Location;
  /** Everything the block held, as parsed YAML. */
  raw: Record<string, unknown>;
}

/**
 * Finds `# METADATA` comment blocks in a module and attaches each to the package or rule that
 * follows it. Rules get `rule.annotations`; the module gets its package/subpackages blocks and all others.
 */
export function attachAnnotations(mod: Module): void {
  const comments = mod.comments;
  for (let i = 0; i < comments.length; i++) {
    const c = comments[i]!;
    if (c.text.trim() !== 'METADATA') continue;
    const lines: string[] = [];
    let row = c.loc.row;
    let j = i + 1;
    while (j < comments.length && comments[j]!.loc.row === row + 1) {
      const text = comments[j]!.text;
      lines.push(text.startsWith(' ') ? text.slice(1) : text);
      row++;
      j++;
    }
    i = j - 1;
    let doc: unknown;
    try {
      doc = parseYaml(lines.join('\n')) ?? {};
    } catch (e) {
      throw new RegoParseError(`invalid METADATA block: ${(e as Error).message.split('\n')[0]}`, c.loc);
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      throw new RegoParseError('invalid METADATA block: expecting a YAML mapping', c.loc);
    }
    const raw = doc as Record<string, unknown>;
    for (const k of Object.keys(raw)) {
      if (!KNOWN_KEYS.has(k)) throw new RegoParseError(`invalid METADATA block: unknown key ${JSON.stringify(k)}`, c.loc);
    }
    const target = findTarget(mod, row);
    let scope = raw['scope'] as AnnotationScope | undefined;
    if (scope !== undefined && !SCOPES.includes(scope)) {
      throw new RegoParseError(`invalid METADATA block: unknown scope ${JSON.stringify(scope)}`, c.loc);
    }
    if (target === 'package') {
      scope ??= 'package';
      if (scope !== 'package' && scope !== 'subpackages') {
        throw new RegoParseError(`invalid METADATA block: scope ${scope} cannot annotate a package`, c.loc);
      }
    } else if (target) {
      scope ??= 'rule';
      if (scope === 'package' || scope === 'subpackages') {
        throw new RegoParseError(`invalid METADATA block: scope ${scope} must precede the package`, c.loc);
      }
    } else {
      throw new RegoParseError('invalid METADATA block: no package or rule follows it', c.loc);
    }
    const ann: Annotation = { ...(raw as Partial<Annotation>), scope, path: [], location: c.loc, raw };
    ann.related_resources = normaliseResources(raw['related_resources'], c.loc);
    if (ann.related_resources === undefined) delete ann.related_resources;
    if (target === 'package') {
      ann.path = mod.packagePath;
      mod.annotations.push(ann);
    } else {
      (target.annotations ??= []).push(ann);
      mod.annotations.push(ann);
    }
  }
}

function findTarget(mod: Module, afterRow: number): 'package' | Rule | undefined {
  if (mod.packageLoc.row > afterRow) return 'package';
  let best: Rule | undefined;
  for (const r of mod.rules) {
    if (r.loc.row > afterRow && (!best || r.loc.row < best.loc.row)) best = r;
  }
  return best;
}

function normaliseResources(x: unknown, loc: Location): Annotation['related_resources'] {
  if (x === undefined) return undefined;
  if (!Array.isArray(x)) throw new RegoParseError('invalid METADATA block: related_resources must be a list', loc);
  return x.map((r) => {
    if (typeof r === 'string') return { ref: r };
    if (r && typeof r === 'object' && typeof (r as { ref?: unknown }).ref === 'string') return r as { ref: string };
    throw new RegoParseError('invalid METADATA block: related_resources entries need a ref', loc);
  });
}

/** The annotation as `rego.metadata.*` returns it (OPA's shape, no location). */
export function annotationValue(a: Annotation): Value {
  const out: Record<string, unknown> = { ...a.raw, scope: a.scope };
  if (a.related_resources) out['related_resources'] = a.related_resources;
  return fromJSON(out);
}

export function chainEntry(path: string[], a: Annotation | undefined): Value {
  const o = new RegoObject();
  o.set('path', ['data', ...path]);
  if (a) o.set('annotations', annotationValue(a));
  return o;
}
