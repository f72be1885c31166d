/**
 * One mapper per CloudFormation resource type (or family): it reads the evaluated properties of a
 * resource into the planned estate. Add a type by adding a module and listing it in ./index.ts.
 */
import type { ErrorLocation } from '../../../../errors.js';
import { jsonPathText } from '../../../../input/json.js';
import type { Origin } from '../../../../inventory/types.js';
import type { PlannedEstate } from '../../planned.js';
import type { ParseOptions } from '../../types.js';
import type { Obj } from './values.js';

export interface TemplateResource {
  /** Logical id; for a resource of a nested stack, `<stack logical id>/<logical id>`. */
  key: string;
  type: string;
  origin: Origin;
  /** Properties after intrinsic functions and conditions are evaluated. */
  properties: Obj;
  /** Properties as the template writes them (intrinsics unevaluated), for `knownParts`. */
  written: Readonly<Record<string, unknown>>;
}

export interface MapContext {
  estate: PlannedEstate;
  opts: ParseOptions;
  /** Adds a notice (stderr unless --quiet), prefixed with the template and the resource's line. */
  notice(text: string): void;
  /**
   * A written string or `Fn::Sub` read as far as it is known: known values substituted, each value
   * not known before deploy replaced by `notKnown` (see substituteKnownParts); null otherwise.
   */
  knownParts(value: unknown, notKnown: string): string | null;
}

export type ResourceMapper = (resource: TemplateResource, ctx: MapContext) => void;

/**
 * Where a property of a resource is, for errors inside its value (a malformed policy document):
 * the template, `$.Resources.<logical id>.Properties.<property>`, the resource's line.
 */
export function propertyAt({ key, origin }: TemplateResource, property: string): ErrorLocation {
  const logicalId = key.slice(key.lastIndexOf('/') + 1);
  return { file: origin.file, path: jsonPathText(['Resources', logicalId, 'Properties', property]), ...(origin.line !== null ? { line: origin.line } : {}) };
}
