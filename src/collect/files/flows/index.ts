/**
 * Exported Amazon Connect contact flows (`--flows DIR --environment ENV`). A file is either the
 * flow-language document the console exports (`{Version, StartAction, Metadata, Actions}`) or the
 * output of `aws connect describe-contact-flow` / `describe-contact-flow-module`
 * (`{ContactFlow: {Arn, Id, Name, Type, State, Content}}`). A flow with a known ARN lands in its
 * instance (laid over the live one); others land in one placeholder instance per environment,
 * `flow-export-<ENV>`, in the account given or the placeholder account.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ScvGuardError } from '../../../errors.js';
import { describeFsError } from '../../../inventory/load.js';
import { parseJsonWithPositions } from '../json-positions.js';
import { assembleEstate, emptyEstate, placeholderInstanceRef, type PlannedEstate, type PlannedFlow } from '../planned.js';
import type { InputParser, ParseOptions, ParsedInput } from '../types.js';

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
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Reads one flow file into the estate. */
function addFlow(estate: PlannedEstate, file: string, text: string, opts: ParseOptions): void {
  const json = parseJsonWithPositions(text, file);
  const doc = json.value;
  if (!isObj(doc)) throw new ScvGuardError('input-schema', 'expected a contact flow export (a JSON object)', { file, line: 1 });
  const described = isObj(doc.ContactFlow) ? doc.ContactFlow : isObj(doc.ContactFlowModule) ? doc.ContactFlowModule : null;
  let flow: Omit<PlannedFlow, 'instance'>;
  let arn: string | null;
  if (described !== null) {
    const content = str(described.Content);
    const position = json.positionOf([isObj(doc.ContactFlow) ? 'ContactFlow' : 'ContactFlowModule']) ?? { line: 1, column: 1 };
    if (content === null) throw new ScvGuardError('input-schema', 'expected the flow Content string', { file, line: position.line });
    arn = str(described.Arn);
    flow = {
      key: str(described.Id) ?? basename(file),
      origin: { file, line: position.line, column: position.column },
      id: str(described.Id),
      arn,
      name: str(described.Name) ?? basename(file).replace(/\.json$/i, ''),
      type: isObj(doc.ContactFlowModule) ? 'MODULE' : (str(described.Type) ?? 'CONTACT_FLOW'),
      state: str(described.State),
      content,
    };
  } else if (Array.isArray(doc.Actions)) {
    const meta = isObj(doc.Metadata) ? doc.Metadata : {};
    const exportType = str(meta.type);
    arn = null;
    const position = json.positionOf([]) ?? { line: 1, column: 1 };
    flow = {
      key: `flow-export:${basename(file)}`,
      origin: { file, line: position.line, column: position.column },
      id: null,
      arn: null,
      name: str(meta.name) ?? basename(file).replace(/\.json$/i, ''),
      type: exportType === null ? 'CONTACT_FLOW' : (EXPORT_TYPES[exportType] ?? exportType.toUpperCase()),
      // The export's `status` (published/saved) is not the flow's state (ACTIVE/ARCHIVED).
      state: null,
      content: text,
    };
  } else {
    throw new ScvGuardError('input-schema', 'expected a flow-language export (with Actions) or describe-contact-flow output (with ContactFlow)', { file, line: 1 });
  }
  const instanceArn = arn?.replace(/\/(contact-flow|flow-module)\/[^/]+$/, '') ?? null;
  if (instanceArn !== null && instanceArn !== arn) {
    estate.flows.push({ ...flow, instance: { known: instanceArn } });
    return;
  }
  estate.flows.push({ ...flow, instance: placeholderInstanceRef(estate, opts.environment, flow.origin) });
}

export const flowExportParser: InputParser = {
  kind: 'flow-export',
  canParse(file: string, text: string): boolean {
    return /\.json$/i.test(file) && (/"Actions"\s*:/.test(text) || /"ContactFlow(Module)?"\s*:/.test(text));
  },
  parse(file: string, text: string, opts: ParseOptions): ParsedInput {
    const estate = emptyEstate();
    addFlow(estate, file, text, opts);
    return assembleEstate(estate, 'flow-export', file, opts);
  },
};

/** Every `*.json` file under `dir` (sorted, recursive), read as flow exports for one environment. */
export function readFlowDirectory(dir: string, opts: ParseOptions): ParsedInput {
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new ScvGuardError('input-read', 'expected a folder of exported flow JSON files', { file: dir });
    files = listJsonFiles(dir);
  } catch (err) {
    if (err instanceof ScvGuardError) throw err;
    throw new ScvGuardError('input-read', describeFsError(err), { file: dir });
  }
  if (files.length === 0) throw new ScvGuardError('input-read', 'no .json flow files in this folder', { file: dir });
  const estate = emptyEstate();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ScvGuardError('input-read', describeFsError(err), { file });
    }
    addFlow(estate, file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, opts);
  }
  return assembleEstate(estate, 'flow-export', dir, opts);
}

function listJsonFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.json$/i.test(entry.name)) out.push(full);
    }
  };
  walk(dir);
  return out.filter((f) => !relative(dir, f).startsWith('..'));
}
