/**
 * AWS::Lambda::Function (and the function of an AWS::Serverless::Function): name, role, runtime,
 * tags, and its environment variables' names with the kind of credential each value looks like —
 * never the value. CloudFormation tags what it creates with `aws:cloudformation:logical-id`, so
 * the function carries it as it will once deployed.
 */
import type { Ref } from '../../arn.js';
import { declaredVariables } from '../../planned-evidence.js';
import type { TemplateResource, MapContext } from './types.js';
import { isObj, obj, str, tagsOf, toRef, type Obj } from './values.js';

/** The CloudFormation tag that names a resource's logical id. */
export const LOGICAL_ID_TAG = 'aws:cloudformation:logical-id';

export function lambdaFunctionOf({ key, origin, properties: p }: TemplateResource, { estate }: MapContext, role: Ref, extraTags: Record<string, string> = {}): void {
  const values = variableValues(p.Environment);
  estate.functions.push({
    key,
    origin,
    name: str(p.FunctionName),
    arn: null,
    role,
    runtime: str(p.Runtime),
    tags: { ...tagsOf(p.Tags), ...extraTags, [LOGICAL_ID_TAG]: key.slice(key.lastIndexOf('/') + 1) },
    ...(values === null ? { variables: null, salesforceOrgId: null } : declaredVariables(values)),
  });
}

/** Variable values as far as known (a value not known is null); null when the map itself is not known. */
function variableValues(environment: Obj[string] | undefined): Record<string, string | null> | null {
  if (environment === undefined) return {};
  if (!isObj(environment)) return null;
  const variables = obj(environment).Variables;
  if (variables === undefined) return {};
  if (!isObj(variables)) return null;
  return Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : null]));
}

export const lambdaFunction = (resource: TemplateResource, ctx: MapContext): void => lambdaFunctionOf(resource, ctx, toRef(resource.properties.Role));
