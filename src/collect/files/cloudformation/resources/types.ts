/**
 * One mapper per CloudFormation resource type (or family): it reads the evaluated properties of a
 * resource into the planned estate. Add a type by adding a module and listing it in ./index.ts.
 */
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
}

export interface MapContext {
  estate: PlannedEstate;
  opts: ParseOptions;
}

export type ResourceMapper = (resource: TemplateResource, ctx: MapContext) => void;
