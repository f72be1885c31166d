/**
 * Which settings (`data.config` keys) a rule reads, directly or through the library helpers it
 * calls: a walk over the compiled modules from the rule's package, following references to
 * other rules and calls of user functions, until it reaches the rules of `data.scv.lib.config`
 * or `data.config` itself.
 */
import type { Module, Rule } from '../rego/ast.js';
import type { CompiledPolicy } from '../rego/index.js';

const CONFIG_LIBRARY = ['scv', 'lib', 'config'];

/** AST fields that point back up or sideways, not into the rule's own terms. */
const SKIPPED_FIELDS = new Set(['module', 'annotations', 'loc', 'target', 'resolved']);

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

/** Data paths (without `data`) a rule's head, body and else clauses read or call. */
function referencedPaths(rule: Rule): string[][] {
  const out: string[][] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const n = node as Record<string, unknown>;
    if (n['type'] === 'ref') {
      const head = n['head'] as { type?: string; name?: string } | undefined;
      if (head?.type === 'var' && head.name === 'data') {
        const path: string[] = [];
        for (const p of n['path'] as { type?: string; value?: unknown }[]) {
          if (p.type !== 'scalar' || typeof p.value !== 'string') break;
          path.push(p.value);
        }
        out.push(path);
      }
    }
    if (n['type'] === 'call') {
      const target = n['target'] as { kind?: string; path?: string[] } | undefined;
      if (target?.kind === 'function' && target.path) out.push(target.path);
    }
    for (const [key, value] of Object.entries(n)) if (!SKIPPED_FIELDS.has(key)) visit(value);
  };
  visit(rule.head);
  visit(rule.body);
  visit(rule.elses);
  return out;
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The setting keys (of `defaults`) the rules of package `packagePath` read, directly or not. */
export function settingsReadBy(policy: CompiledPolicy, packagePath: readonly string[], settingKeys: readonly string[]): string[] {
  const rules = policy.modules.flatMap((m: Module) => m.rules);
  const pending = rules.filter((r) => r.path && isPrefix(packagePath, r.path));
  const visited = new Set<Rule>(pending);
  const read = new Set<string>();
  const reach = (path: readonly string[]): void => {
    if (path[0] === 'config') {
      if (path.length === 1) settingKeys.forEach((k) => read.add(k));
      else if (settingKeys.includes(path[1]!)) read.add(path[1]!);
      return;
    }
    if (isPrefix(CONFIG_LIBRARY, path)) {
      const name = path[CONFIG_LIBRARY.length];
      if (name === undefined || name === 'settings' || name === 'user_settings') {
        const key = path[CONFIG_LIBRARY.length + 1];
        if (name === 'settings' && key !== undefined && settingKeys.includes(key)) read.add(key);
        else settingKeys.forEach((k) => read.add(k));
        return;
      }
      const key = settingKeys.find((k) => snakeCase(k) === name || k === name);
      if (key) {
        read.add(key);
        return;
      }
    }
    for (const rule of rules) {
      if (!rule.path || visited.has(rule)) continue;
      if (isPrefix(rule.path, path) || isPrefix(path, rule.path)) {
        visited.add(rule);
        pending.push(rule);
      }
    }
  };
  while (pending.length > 0) {
    for (const path of referencedPaths(pending.pop()!)) reach(path);
  }
  return settingKeys.filter((k) => read.has(k));
}

/** How a policy reads one `data.config` setting, or the whole of it. */
type ConfigRead = { key: string } | 'whole';

/** The `data.config` read a data path stands for: `config.K` and `scv.lib.config.user_settings.K` name K. */
function configRead(path: readonly string[], full: boolean): ConfigRead | undefined {
  const at = path[0] === 'config' ? 1 : isPrefix([...CONFIG_LIBRARY, 'user_settings'], path) ? CONFIG_LIBRARY.length + 1 : -1;
  if (at === -1) {
    // `data.scv.lib.config` or `data` themselves hold the user's settings too.
    return path.length <= CONFIG_LIBRARY.length && isPrefix(path, CONFIG_LIBRARY) ? 'whole' : undefined;
  }
  return full && path.length > at ? { key: path[at]! } : 'whole';
}

/**
 * The setting keys (`data.config.K`) that the policies outside `data.scv.lib.config` read by
 * name — `data.config.K`, `data.scv.lib.config.user_settings.K`, `object.get(data.config, "K", d)`
 * — or undefined when one of them reads the settings as a whole or by a computed key (then any
 * key may be read). With the setting defaults, this tells which keys of `settings:` no policy reads.
 */
export function configKeysRead(policy: CompiledPolicy): Set<string> | undefined {
  const keys = new Set<string>();
  let whole = false;
  const seen = new Set<unknown>();
  const note = (read: ConfigRead | undefined): void => {
    if (read === 'whole') whole = true;
    else if (read) keys.add(read.key);
  };
  /** A data path's constant prefix, and whether the ref is constant all along. */
  const dataPath = (node: Record<string, unknown>): { path: string[]; full: boolean } | undefined => {
    const head = node['head'] as { type?: string; name?: string } | undefined;
    if (node['type'] !== 'ref' || head?.type !== 'var' || head.name !== 'data') return undefined;
    const path: string[] = [];
    const terms = node['path'] as { type?: string; value?: unknown }[];
    for (const p of terms) {
      if (p.type !== 'scalar' || typeof p.value !== 'string') return { path, full: false };
      path.push(p.value);
    }
    return { path, full: true };
  };
  const visit = (node: unknown): void => {
    if (whole || !node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const n = node as Record<string, unknown>;
    const ref = dataPath(n);
    if (ref) {
      note(configRead(ref.path, ref.full));
      for (const p of n['path'] as unknown[]) visit(p);
      return;
    }
    if (n['type'] === 'call') {
      const target = n['target'] as { kind?: string; name?: string } | undefined;
      const args = n['args'] as unknown[];
      const first = args[0] as Record<string, unknown> | undefined;
      const key = args[1] as { type?: string; value?: unknown } | undefined;
      const firstRef = first ? dataPath(first) : undefined;
      if (target?.kind === 'builtin' && target.name === 'object.get' && firstRef?.full && configRead(firstRef.path, true) === 'whole' && key?.type === 'scalar' && typeof key.value === 'string') {
        keys.add(key.value);
        for (const arg of args.slice(2)) visit(arg);
        return;
      }
    }
    for (const [field, value] of Object.entries(n)) if (!SKIPPED_FIELDS.has(field)) visit(value);
  };
  for (const module of policy.modules) {
    if (isPrefix(CONFIG_LIBRARY, module.packagePath) && module.packagePath.length === CONFIG_LIBRARY.length) continue;
    for (const rule of module.rules) {
      visit(rule.head);
      visit(rule.body);
      visit(rule.elses);
    }
  }
  return whole ? undefined : keys;
}
