/** graph.reachable: nodes reachable from a start set in an adjacency object (node → array/set of neighbours). */
import { RegoSet, type Value } from '../value.js';
import { def, obj, operandTypeError } from './args.js';
import type { Builtin } from './types.js';

function members(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof RegoSet) return v.sorted();
  return [];
}

export const GRAPH_BUILTINS: Builtin[] = [
  def('graph.reachable', 2, (args) => {
    const graph = obj('graph.reachable', args, 1);
    const initial = args[1]!;
    if (!Array.isArray(initial) && !(initial instanceof RegoSet)) throw operandTypeError('graph.reachable', 2, initial, 'set', 'array');
    const queue = [...members(initial)];
    const reached = new RegoSet();
    while (queue.length > 0) {
      const node = queue.shift()!;
      const edges = graph.get(node);
      // Nodes that are not keys of the graph are not reported, as in OPA.
      if (edges === undefined || reached.has(node)) continue;
      reached.add(node);
      for (const next of members(edges)) if (!reached.has(next)) queue.push(next);
    }
    return reached;
  }),
];
