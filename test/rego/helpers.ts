import { compile, type EvaluateOptions } from '../../src/rego/index.js';
import { toJSON } from '../../src/rego/value.js';

/** Compiles one module (package test unless given) and returns data.test as plain JSON. */
export function evalModule(text: string, opts: EvaluateOptions & { path?: string[]; v0?: boolean } = {}): unknown {
  const p = compile([{ file: 'test.rego', text }], { regoVersion: opts.v0 ? 'v0' : 'v1' });
  const v = p.evalRef(opts.path ?? ['test'], opts);
  return v === undefined ? undefined : toJSON(v);
}

export function queryJSON(modules: string[], query: string, opts: EvaluateOptions = {}): unknown[] {
  const p = compile(modules.map((text, i) => ({ file: `m${i}.rego`, text })));
  return p.evaluate(query, opts).map((r) => ({
    expressions: r.expressions.map((e) => toJSON(e.value)),
    bindings: Object.fromEntries(Object.entries(r.bindings).map(([k, v]) => [k, toJSON(v)])),
  }));
}
