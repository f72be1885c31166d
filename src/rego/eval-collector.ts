import type { ComprehensionTerm } from './ast.js';
import { RegoEvalError, type Location } from './errors.js';
import { equals, RegoObject, RegoSet, type Value } from './value.js';

/** Gathers the values of one array, set or object comprehension; two values for one object key conflict. */
export class Collector {
  private readonly arr: Value[] = [];
  private readonly set = new RegoSet();
  private readonly obj = new RegoObject();

  constructor(
    private readonly kind: ComprehensionTerm['type'],
    private readonly loc: Location,
  ) {}

  add(k: Value, v: Value): void {
    if (this.kind === 'arraycomp') this.arr.push(v);
    else if (this.kind === 'setcomp') this.set.add(v);
    else {
      const cur = this.obj.get(k);
      if (cur !== undefined && !equals(cur, v)) {
        throw new RegoEvalError('eval_conflict_error', 'object keys must be unique', this.loc);
      }
      this.obj.set(k, v);
    }
  }

  value(): Value {
    return this.kind === 'arraycomp' ? this.arr : this.kind === 'setcomp' ? this.set : this.obj;
  }
}
