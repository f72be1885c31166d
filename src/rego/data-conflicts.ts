import type { TreeNode } from './compile.js';
import { RegoCompileError } from './errors.js';
import { RegoObject, type Value } from './value.js';

/**
 * OPA refuses base data that defines a document where a rule is defined: a value at the rule's
 * path, or a non-object value above it (`rego_compile_error: conflicting rule for data path a/b
 * found`). Objects above a rule merge with it. Data substituted with `with` is not checked.
 */
export function checkDataConflicts(tree: TreeNode, data: RegoObject): void {
  for (const [name, child] of tree.children) walk(child, data.get(name), [name], false);
}

function walk(node: TreeNode, base: Value | undefined, path: string[], nonObjectAbove: boolean): void {
  const set = node.ruleSet;
  if (set && (base !== undefined || nonObjectAbove)) {
    const loc = set.rules[0]?.loc ?? set.defaultRule?.loc ?? set.keyDefaults?.[0]?.loc;
    throw new RegoCompileError(`conflicting rule for data path ${path.join('/')} found`, loc);
  }
  const below = nonObjectAbove || (base !== undefined && !(base instanceof RegoObject));
  for (const [name, child] of node.children) {
    walk(child, base instanceof RegoObject ? base.get(name) : undefined, [...path, name], below);
  }
}
