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
