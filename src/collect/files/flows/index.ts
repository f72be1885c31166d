/**
 * Exported Amazon Connect contact flows (`--flows DIR --environment ENV`). A file is the
 * flow-language document the console exports (`{Version, StartAction, Metadata, Actions}`), the
 * older console export (`{modules, version, type, start, metadata}`), or the output of
 * `aws connect describe-contact-flow` / `describe-contact-flow-module`
 * (`{ContactFlow: {Arn, Id, Name, Type, State, Content}}`). A flow with a known ARN lands in its
 * instance (laid over the live one); others land in one placeholder instance per environment,
 * `flow-export-<ENV>`, in the account given or the placeholder account.
 *
 * In an exported file (either console format) every reference and secret carries the line and
 * column of the action or module that holds it.
 *
 * A folder written by `export flows --parameterize` (it holds `parameters.json`) is read for the
 * target environment: its placeholders take that environment's values (./placeholders.ts), and
 * when the account, region and instance id are all known its flows land in that instance. A file
 * `<TYPE>/<name>.json` whose content does not say its type takes the folder's (the export's layout).
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { readInputFileSync } from '../../../input/read.js';
import { analyzeFlowDocument } from '../../flow-language/analyze.js';
import { ScvGuardError } from '../../../errors.js';
import { jsonPathText } from '../../../input/json.js';
import { shapeProblem, type FieldSpecs } from '../../shape.js';
import { describeFsError } from '../../../inventory/load.js';
import { parseJsonWithPositions } from '../json-positions.js';
import { EXPORT_MAPPING_FILE, EXPORT_PLACEHOLDERS, readExportMapping, resolvePlaceholders } from './placeholders.js';
import { assembleEstate, emptyEstate, placeholderInstanceRef, type PlannedEstate, type PlannedFlow } from '../planned.js';
import type { InputParser, ParseOptions, ParsedInput } from '../types.js';
import { isRecord } from '../../../plain-objects.js';

/** Console export `Metadata.type` → the ContactFlow Type the Connect API uses. */
const EXPORT_TYPES: Record<string, string> = {
  contactFlow: 'CONTACT_FLOW',
  customerQueue: 'CUSTOMER_QUEUE',
  customerHold: 'CUSTOMER_HOLD',
  customerWhisper: 'CUSTOMER_WHISPER',
  agentHold: 'AGENT_HOLD',
  agentWhisper: 'AGENT_WHISPER',
  outboundWhisper: 'OUTBOUND_WHISPER',
  agentTransfer: 'AGENT_TRANSFER',
  queueTransfer: 'QUEUE_TRANSFER',
  campaign: 'CAMPAIGN',
  module: 'MODULE',
};

type Obj = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const CONNECT_FLOW_TYPES: ReadonlySet<string> = new Set(Object.values(EXPORT_TYPES));

/** describe-contact-flow(-module) output: the fields read besides Content. */
const DESCRIBED_FLOW_SHAPE: FieldSpecs = { Arn: 'string?', Id: 'string?', Name: 'string?', Type: 'string?', State: 'string?' };

/** Where the flows of a file land: the export's target instance (ARN), else the placeholder instance of the environment. */
interface FlowPlacement {
  instanceArn: string | null;
}

/** Reads one flow file into the estate. */
function addFlow(estate: PlannedEstate, file: string, text: string, opts: ParseOptions, placement: FlowPlacement = { instanceArn: null }): void {
  const json = parseJsonWithPositions(text, file);
  const doc = json.value;
  if (!isRecord(doc)) throw new ScvGuardError('input-schema', 'expected a contact flow export (a JSON object)', { file, line: 1 });
  const described = isRecord(doc.ContactFlow) ? doc.ContactFlow : isRecord(doc.ContactFlowModule) ? doc.ContactFlowModule : null;
  let flow: Omit<PlannedFlow, 'instance'>;
  let arn: string | null;
  if (described !== null) {
    const key = isRecord(doc.ContactFlow) ? 'ContactFlow' : 'ContactFlowModule';
    const content = str(described.Content);
    const position = json.positionOf([key]) ?? { line: 1, column: 1 };
    if (content === null) throw new ScvGuardError('input-schema', 'expected the flow Content string', { file, line: position.line });
    const malformed = shapeProblem(described, DESCRIBED_FLOW_SHAPE);
    if (malformed !== null) {
      const path = [key, ...malformed.path];
      throw new ScvGuardError('input-schema', malformed.message, { file, path: jsonPathText(path), line: (json.positionOf(path) ?? position).line });
    }
    arn = str(described.Arn);
    flow = {
      key: str(described.Id) ?? basename(file),
      origin: { file, line: position.line, column: position.column },
      id: str(described.Id),
      arn,
      name: str(described.Name) ?? flowNameOf(file),
      type: isRecord(doc.ContactFlowModule) ? 'MODULE' : (str(described.Type) ?? 'CONTACT_FLOW'),
      state: str(described.State),
      content,
    };
  } else if (doc.Actions !== undefined || doc.modules !== undefined) {
    // The flow language keeps its name and type in `Metadata`, the older export in `metadata`/`type`.
    // (Their shape is checked by the analysis, which names the path of a field of the wrong type.)
    const older = doc.Actions === undefined;
    const meta = isRecord(older ? doc.metadata : doc.Metadata) ? ((older ? doc.metadata : doc.Metadata) as Obj) : {};
    const folderType = basename(dirname(file));
    const exportType = str(meta.type) ?? (older ? str(doc.type) : null) ?? (CONNECT_FLOW_TYPES.has(folderType) ? folderType : null);
    arn = null;
    const position = json.positionOf([]) ?? { line: 1, column: 1 };
    flow = {
      key: `flow-export:${basename(file)}`,
      origin: { file, line: position.line, column: position.column },
      id: null,
      arn: null,
      name: str(meta.name) ?? flowNameOf(file),
      type: exportType === null ? 'CONTACT_FLOW' : (EXPORT_TYPES[exportType] ?? exportType.toUpperCase()),
      // The export's `status` (published/saved) is not the flow's state (ACTIVE/ARCHIVED).
      state: null,
      content: null,
      analysis: analyzeFlowDocument(doc, { file, positionOf: (path) => json.positionOf(path) }),
    };
  } else {
    throw new ScvGuardError(
      'input-schema',
      'expected a flow-language export (with Actions), an older console export (with modules) or describe-contact-flow output (with ContactFlow)',
      { file, line: 1 },
    );
  }
  const instanceArn = arn?.replace(/\/(contact-flow|flow-module)\/[^/]+$/, '') ?? null;
  if (instanceArn !== null && instanceArn !== arn) {
    estate.flows.push({ ...flow, instance: { known: instanceArn } });
    return;
  }
  if (placement.instanceArn !== null) {
    estate.flows.push({ ...flow, instance: { known: placement.instanceArn } });
    return;
  }
  estate.flows.push({ ...flow, instance: placeholderInstanceRef(estate, opts.environment, flow.origin) });
}

const flowNameOf = (file: string): string => basename(file).replace(/\.json$/i, '');

export const flowExportParser: InputParser = {
  kind: 'flow-export',
  canParse(file: string, text: string): boolean {
    return /\.json$/i.test(file) && (/"Actions"\s*:/.test(text) || /"modules"\s*:/.test(text) || /"ContactFlow(Module)?"\s*:/.test(text));
  },
  parse(file: string, text: string, opts: ParseOptions): ParsedInput {
    const estate = emptyEstate();
    addFlow(estate, file, text, opts);
    return assembleEstate(estate, 'flow-export', file, opts);
  },
};

/**
 * Every flow file under `dir` (sorted, recursive), read as flow exports for one environment: files
 * named `*.json`, and files without an extension whose text is a JSON object (the console's
 * download keeps the flow name as the file name). Other files are skipped and counted in the
 * progress line (`ParsedInput.progress`).
 */
export function readFlowDirectory(dir: string, opts: ParseOptions): ParsedInput {
  let listed: { flows: string[]; skipped: string[] };
  try {
    if (!statSync(dir).isDirectory()) throw new ScvGuardError('input-read', 'expected a folder of exported flow JSON files', { file: dir });
    listed = listFlowCandidates(dir);
  } catch (err) {
    if (err instanceof ScvGuardError) throw err;
    throw new ScvGuardError('input-read', describeFsError(err), { file: dir });
  }
  const mapping = readExportMapping(dir);
  const mappingFile = join(dir, EXPORT_MAPPING_FILE);
  const placeholderNames = new Set<string>([...EXPORT_PLACEHOLDERS, ...Object.keys(mapping ?? {}), ...Object.keys(opts.flowParameters ?? {})]);
  const target = opts.environment !== undefined ? { environment: opts.environment, values: opts.flowParameters ?? {} } : undefined;
  const placement: FlowPlacement = { instanceArn: mapping !== null && 'InstanceId' in mapping ? exportInstanceArn(target?.values ?? {}) : null };
  const estate = emptyEstate();
  const skipped = [...listed.skipped];
  let read = 0;
  for (const file of listed.flows.filter((f) => f !== mappingFile)) {
    const text = readInputFileSync(file, { what: 'flow file' });
    if (extname(file) === '' && !text.trimStart().startsWith('{')) {
      skipped.push(file);
      continue;
    }
    addFlow(estate, file, resolvePlaceholders(text, file, placeholderNames, target), opts, placement);
    read++;
  }
  if (read === 0) throw new ScvGuardError('input-read', 'no flow files (*.json, or JSON files without an extension) in this folder', { file: dir });
  const parsed = assembleEstate(estate, 'flow-export', dir, opts);
  const flowsRead = `read ${read} flow file${read === 1 ? '' : 's'} from ${dir}`;
  if (skipped.length === 0) return { ...parsed, progress: flowsRead };
  const names = skipped.map((f) => relative(dir, f)).sort();
  const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')}, ...`;
  return { ...parsed, progress: `${flowsRead}, skipped ${skipped.length} other file${skipped.length === 1 ? '' : 's'} (${shown})` };
}

/** The instance an export of one instance deploys to, when the target's account, region and instance id are known. */
function exportInstanceArn(values: Readonly<Record<string, string>>): string | null {
  const { AccountId: account, Region: region, InstanceId: id } = values;
  if (account === undefined || region === undefined || id === undefined) return null;
  return `arn:aws:connect:${region}:${account}:instance/${id}`;
}

function listFlowCandidates(dir: string): { flows: string[]; skipped: string[] } {
  const flows: string[] = [];
  const skipped: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.')) walk(full);
      } else if (entry.isFile()) {
        const ext = extname(entry.name);
        if (!entry.name.startsWith('.') && (/^\.json$/i.test(ext) || ext === '')) flows.push(full);
        else skipped.push(full);
      }
    }
  };
  walk(dir);
  return { flows, skipped };
}
