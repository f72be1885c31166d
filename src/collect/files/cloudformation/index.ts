/**
 * CloudFormation templates, YAML (with the `!Ref`/`!Sub`/`!GetAtt`/... short forms) or JSON, read
 * as CloudFormation evaluates them (./evaluate.ts): parameter values (`--parameters`, else
 * defaults), `Conditions` and resource-level `Condition`, `Fn::If`, `AWS::NoValue`, and the
 * other intrinsics as far as they are known before deploy. A resource whose condition is false
 * is not deployed and not read; one whose condition is not known is read.
 *
 * Every resource of a supported type (./resources/) is read as it will be after deploy; its origin
 * is the line and column of its logical id under `Resources` (the column tells apart the resources
 * of a minified JSON template). The template is taken as the desired state, so S3's defaults for
 * new buckets apply to buckets that do not set encryption or a public access block.
 *
 * A nested stack (`AWS::CloudFormation::Stack`) whose `TemplateURL` is a local path is read as a
 * template of its own, with the parameters the stack passes; a remote one is named in a notice.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isCollection, isMap, isScalar, type Node } from 'yaml';
import { isScvGuardError, ScvGuardError } from '../../../errors.js';
import { readInputFileSync } from '../../../input/read.js';
import { parseYamlInput } from '../../../input/yaml.js';
import { assembleEstate, emptyEstate, type PlannedEstate } from '../planned.js';
import type { InputParser, ParseOptions, ParsedInput } from '../types.js';
import { withheldParameters, type PlannedStack } from '../planned-evidence.js';
import { ConditionEvaluator, evaluate, substituteKnownParts, type ParameterValue, type Resolved, type TemplateContext } from './evaluate.js';
import { nodeToValue } from './intrinsics.js';
import { templateParameters, type GivenParameters } from './parameters.js';
import { RESOURCE_MAPPERS } from './resources/index.js';
import { checkTemplateProperties } from './shapes.js';
import { obj, str, type Obj } from './resources/values.js';
import { isRecord } from '../../../plain-objects.js';

export { CLOUDFORMATION_RESOURCE_TYPES } from './resources/index.js';
export { readParameterFile } from './parameters.js';


/** Nested stacks deeper than this are a loop or a mistake. */
const MAX_NESTING = 10;

interface TemplateRead {
  file: string;
  text: string;
  given: GivenParameters | undefined;
  /** Planned-key prefix of a nested stack's resources (`<stack>/`), '' for the top template. */
  prefix: string;
  estate: PlannedEstate;
  opts: ParseOptions;
  notices: string[];
  /** Absolute paths of the templates being read, outermost first (nested-stack loops). */
  chain: string[];
}

export const cloudFormationParser: InputParser = {
  kind: 'cloudformation',
  canParse(file: string, text: string): boolean {
    if (!/\.(ya?ml|json|template|cfn)$/i.test(file)) return false;
    return /AWSTemplateFormatVersion/.test(text) || (/\bResources\b/.test(text) && /AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/.test(text));
  },
  parse(file: string, text: string, opts: ParseOptions): ParsedInput {
    const estate = emptyEstate();
    const notices: string[] = [];
    readTemplate({ file, text, given: opts.parameters, prefix: '', estate, opts, notices, chain: [resolve(file)] });
    const parsed = assembleEstate(estate, 'cloudformation', file, opts);
    return notices.length > 0 ? { ...parsed, notices } : parsed;
  },
};

function readTemplate(t: TemplateRead): void {
  const { file } = t;
  const { doc, lineCounter: lines } = parseYamlInput(t.text, file, { uniqueKeys: true });
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code !== 'TAG_RESOLVE_FAILED');
  if (problem !== undefined) {
    throw new ScvGuardError('input-parse', problem.message.split('\n')[0]!, { file, line: lines.linePos(problem.pos[0]).line });
  }
  const lineAt = (offset: number): number => lines.linePos(offset).line;
  const root = doc.contents;
  if (!isMap(root)) throw new ScvGuardError('input-schema', 'expected a CloudFormation template (a mapping with Resources)', { file, line: 1 });
  const resourcesNode = root.get('Resources', true);
  if (!isMap(resourcesNode)) throw new ScvGuardError('input-schema', 'expected a Resources mapping', { file, path: '$.Resources' });
  const section = (name: string): Record<string, unknown> => {
    const v = nodeToValue(root.get(name, true) as Node | undefined, file, lineAt);
    return isRecord(v) ? v : {};
  };

  const declared: { logicalId: string; line: number | null; column: number | null; body: Record<string, unknown>; node: unknown }[] = [];
  for (const pair of resourcesNode.items) {
    const logicalId = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const position = isScalar(pair.key) && pair.key.range ? lines.linePos(pair.key.range[0]) : null;
    const body = nodeToValue(pair.value as Node, file, lineAt);
    const where = { file, ...(position ? { line: position.line } : {}) };
    if (!isRecord(body)) throw new ScvGuardError('input-schema', `resource ${logicalId}: expected a mapping with a Type`, where);
    if (typeof body.Type !== 'string') throw new ScvGuardError('input-schema', `resource ${logicalId} has no Type`, where);
    declared.push({ logicalId, line: position?.line ?? null, column: position?.col ?? null, body, node: pair.value });
  }
  const ctx: TemplateContext = {
    resources: new Set(declared.map((d) => d.logicalId)),
    parameters: templateParameters(section('Parameters'), t.given),
    mappings: section('Mappings'),
    conditions: section('Conditions'),
    region: t.opts.region ?? null,
    accountId: t.opts.accountId ?? null,
    stackName: null,
    keyPrefix: t.prefix,
  };
  t.estate.stacks.push(plannedStack(t, section('Parameters'), ctx.parameters));
  const conditions = new ConditionEvaluator(ctx);
  // Errors of the evaluator name the resource and its line.
  const located = <T>(d: (typeof declared)[number], what: () => T): T => {
    try {
      return what();
    } catch (err) {
      if (!isScvGuardError(err) || err.location.file !== undefined) throw err;
      throw new ScvGuardError(err.code, `resource ${d.logicalId}: ${err.message}`, { file, ...(d.line !== null ? { line: d.line } : {}) });
    }
  };
  // A resource is deployed unless its condition is false.
  const deployed = declared.filter((d) => located(d, () => typeof d.body.Condition !== 'string' || conditions.truth(d.body.Condition) !== false));

  // Bucket names are known before deploy when the template sets them: `!Ref Bucket` is the
  // name and `!GetAtt Bucket.Arn` its ARN (so bucket policies keep their Resource ARNs).
  const bucketNames = new Map<string, string>();
  for (const d of deployed) {
    if (d.body.Type !== 'AWS::S3::Bucket') continue;
    const props = isRecord(d.body.Properties) ? d.body.Properties : {};
    const name = located(d, () => str(evaluate(props.BucketName ?? null, ctx, conditions)));
    if (name !== null) bucketNames.set(d.logicalId, name);
  }
  ctx.known = (logicalId, attr) => {
    const name = bucketNames.get(logicalId);
    if (name === undefined) return null;
    if (attr === null) return name;
    return attr === 'Arn' ? `arn:aws:s3:::${name}` : null;
  };

  for (const d of deployed) {
    const type = d.body.Type as string;
    const properties = located(d, () => obj(evaluate(d.body.Properties ?? {}, ctx, conditions)));
    const origin = { file, line: d.line, column: d.column, declaredAs: `${t.prefix}${d.logicalId}` };
    if (type === 'AWS::CloudFormation::Stack') {
      readNestedStack(t, `${t.prefix}${d.logicalId}`, properties, templateUrlAsWritten(d.body.Properties), d.line);
      continue;
    }
    // A property of another type than the reader relies on is an error, never a resource read as if it were absent.
    const propertiesPath = ['Resources', d.logicalId, 'Properties'];
    checkTemplateProperties(type, d.logicalId, properties, propertiesPath, file, (path) => lineIn(d.node, path.slice(2), lineAt) ?? d.line);
    const written = isRecord(d.body.Properties) ? d.body.Properties : {};
    const at = `${file}${d.line !== null ? `:${d.line}` : ''}`;
    RESOURCE_MAPPERS[type]?.(
      { key: `${t.prefix}${d.logicalId}`, type, origin, properties, written },
      {
        estate: t.estate,
        opts: t.opts,
        notice: (text) => t.notices.push(`${at}: ${text}`),
        knownParts: (value, notKnown) => located(d, () => substituteKnownParts(value, notKnown, ctx, conditions)),
      },
    );
  }
}

/**
 * The line of a path below a resource's node (`['Properties', 'Policies', 0]`) — of its key in a
 * mapping, of the item in a list — or of the nearest node above it the template has (a path
 * through an intrinsic function is not in the source).
 */
function lineIn(node: unknown, path: readonly (string | number)[], lineAt: (offset: number) => number): number | null {
  if (!isCollection(node)) return null;
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? node : node.getIn(path.slice(0, depth - 1), true);
    const last = path[depth - 1];
    const pair = isMap(parent) ? parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last) : undefined;
    const found = pair !== undefined ? pair.key : isCollection(parent) ? parent.get(last, true) : undefined;
    const range = (found as Node | undefined)?.range;
    if (range) return lineAt(range[0]);
  }
  return node.range ? lineAt(node.range[0]) : null;
}

/**
 * The stack the template becomes: named by its file (the top template: the stack name is chosen
 * at deploy) or its nested stack's logical id, with its parameter values (NoEcho and
 * credential-looking ones withheld; lists joined by commas; not known: null).
 */
function plannedStack(t: TemplateRead, declared: Record<string, unknown>, values: ReadonlyMap<string, ParameterValue>): PlannedStack {
  const key = t.prefix ? t.prefix.slice(0, -1) : basename(t.file).replace(/\.[^.]+$/, '');
  const noEcho = new Set(Object.entries(declared).filter(([, spec]) => isRecord(spec) && String(spec.NoEcho) === 'true').map(([name]) => name));
  const text = new Map([...values].map(([name, v]) => [name, Array.isArray(v) ? v.join(',') : v]));
  return { key, origin: { file: t.file, line: 1, column: null }, name: key, parameters: withheldParameters(text, noEcho) };
}

/** A stack's `Parameters` as the nested template receives them: strings, lists joined, unknown null. */
function passedParameters(v: Resolved | undefined): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const [name, value] of Object.entries(obj(v))) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.set(name, String(value));
    else if (Array.isArray(value) && value.every((x) => typeof x === 'string')) out.set(name, value.join(','));
    else out.set(name, null);
  }
  return out;
}

/** A stack's TemplateURL as the template writes it (the text of an `Fn::Sub`), for notices. */
function templateUrlAsWritten(properties: unknown): string | null {
  const url = isRecord(properties) ? properties.TemplateURL : undefined;
  if (typeof url === 'string') return url;
  const sub = isRecord(url) ? url['Fn::Sub'] : undefined;
  const text = Array.isArray(sub) ? sub[0] : sub;
  return typeof text === 'string' ? text : null;
}

const REMOTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

function readNestedStack(t: TemplateRead, key: string, properties: Obj, written: string | null, line: number | null): void {
  const url = str(properties.TemplateURL);
  const where = { file: t.file, ...(line !== null ? { line } : {}) };
  const at = `${t.file}${line !== null ? `:${line}` : ''}`;
  if (url === null && written !== null && REMOTE_URL.test(written)) {
    t.notices.push(`${at}: nested stack ${key} is read from ${written}, not a local file: its resources are not checked here (scan that template with its own --plan)`);
    return;
  }
  if (url === null) {
    t.notices.push(`${at}: nested stack ${key}: its TemplateURL is not known before deploy: its resources are not checked here`);
    return;
  }
  if (REMOTE_URL.test(url)) {
    t.notices.push(`${at}: nested stack ${key} is read from ${url}, not a local file: its resources are not checked here (scan that template with its own --plan)`);
    return;
  }
  if (t.chain.length >= MAX_NESTING) throw new ScvGuardError('input-schema', `nested stack ${key}: stacks nested more than ${MAX_NESTING} deep`, where);
  const nestedFile = join(dirname(t.file), url);
  const absolute = resolve(nestedFile);
  if (t.chain.includes(absolute)) throw new ScvGuardError('input-schema', `nested stack ${key}: ${url} includes itself`, where);
  if (!existsSync(absolute)) throw new ScvGuardError('input-read', `nested stack ${key}: template ${nestedFile} does not exist`, where);
  const text = readInputFileSync(absolute, { what: `nested stack ${key}'s template ${nestedFile}` });
  readTemplate({
    ...t,
    file: nestedFile,
    text,
    given: passedParameters(properties.Parameters),
    prefix: `${key}/`,
    chain: [...t.chain, absolute],
  });
}
