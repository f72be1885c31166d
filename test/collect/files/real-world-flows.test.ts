/**
 * Salesforce's sample SCV contact flows (fixtures/real-world/salesforce-scv-examples/ContactFlows/):
 * flow-language exports and older console exports (`modules`), most without a `.json` extension.
 * Every one is read, with its Lambda and flow references at the action or module that holds them.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFlowDirectory } from '../../../src/collect/files/flows/index.js';
import type { ParseOptions } from '../../../src/collect/files/types.js';
import type { ContactFlow } from '../../../src/inventory/types.js';
import { validateInventory } from '../../../src/inventory/validate.js';
import { parseJsonWithPositions } from '../../../src/collect/files/json-positions.js';

const DIR = 'fixtures/real-world/salesforce-scv-examples/ContactFlows';
const FILES = readdirSync(DIR).sort();
const OPTS: ParseOptions = { generatedAt: '2026-11-20T09:12:44Z', environment: 'uat' };
const OLDER = ['Sample_SCV_REST_Check_For_Open_Cases', 'Sample_SCV_REST_Link_Call_To_Case'];

const parsed = readFlowDirectory(DIR, OPTS);
const flows: ContactFlow[] = parsed.inventory.aws.accounts.flatMap((a) => a.connectInstances.flatMap((i) => i.flows));
const flowOf = (file: string): ContactFlow => {
  const found = flows.find((f) => f.origin!.file === join(DIR, file));
  if (!found) throw new Error(`no flow read from ${file}`);
  return found;
};

/** Literal ARNs of a kind anywhere in the file's actions or modules (not in editor metadata). */
function literalArns(file: string, pattern: RegExp): string[] {
  const doc = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { Actions?: unknown[]; modules?: unknown[] };
  const text = JSON.stringify(doc.Actions ?? doc.modules);
  return [...new Set(text.match(pattern) ?? [])].sort();
}

describe('Salesforce sample SCV flows', () => {
  it('reads every file of the folder, with and without .json, in both export formats, into a valid inventory', () => {
    expect(FILES).toHaveLength(25);
    expect(() => validateInventory(parsed.inventory, DIR)).not.toThrow();
    expect(flows.map((f) => f.origin!.file).sort()).toEqual(FILES.map((f) => join(DIR, f)));
    expect(parsed.progress).toBe(`read 25 flow files from ${DIR}`);
    // All of them land in the placeholder instance of the environment: no file has an ARN.
    expect(parsed.inventory.aws.accounts.flatMap((a) => a.connectInstances.map((i) => i.id))).toEqual(['flow-export-uat']);
  });

  it.each(FILES)('%s: its Lambda functions and flows are its references', (file) => {
    const flow = flowOf(file);
    const lambdas = flow.references.filter((r) => r.kind === 'lambda' && !r.dynamic).map((r) => r.arn);
    expect([...new Set(lambdas)].sort()).toEqual(literalArns(file, /arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_:-]+/g));
    const targets = flow.references.filter((r) => r.kind === 'flow' && r.arn.startsWith('arn:')).map((r) => r.arn);
    expect([...new Set(targets)].sort()).toEqual(literalArns(file, /arn:aws:connect:[a-z0-9-]+:\d{12}:instance\/[0-9a-f-]+\/contact-flow\/[0-9a-f-]+/g));
    expect(flow.secrets).toEqual([]);
  });

  it('the samples reference Salesforce Lambda functions, and the inbound flow its subflows', () => {
    expect(flows.filter((f) => f.references.some((r) => r.kind === 'lambda')).length).toBeGreaterThanOrEqual(10);
    const inbound = flowOf('Sample SCV Inbound Flow');
    expect(inbound.references.some((r) => r.kind === 'flow')).toBe(true);
  });

  it.each(OLDER)('%s (older export): name, type and each Lambda reference at its module, by line and column', (file) => {
    const flow = flowOf(file);
    const text = readFileSync(join(DIR, file), 'utf8');
    const doc = JSON.parse(text) as { metadata: { name: string }; modules: { id: string; type: string; parameters: { name: string; value: string }[] }[] };
    expect(flow.name).toBe(doc.metadata.name);
    expect(flow.type).toBe('CONTACT_FLOW');
    const positions = parseJsonWithPositions(text, file);
    // One reference per function and module, named by the module's id and placed at it.
    const expected = doc.modules.flatMap((m, i) =>
      m.parameters
        .filter((p) => p.name === 'FunctionArn')
        .map((p) => ({ kind: 'lambda', arn: p.value, action: m.type, actionId: m.id, origin: { file: join(DIR, file), ...positions.positionOf(['modules', i])! } })),
    );
    expect(expected.every((r) => r.actionId !== '')).toBe(true);
    expect(expected.length).toBeGreaterThan(0);
    expect(flow.references.filter((r) => r.kind === 'lambda')).toEqual(expected);
  });

  it('places a flow-language reference at its action', () => {
    const file = 'Sample SCV Inbound Flow for Direct to Rep.json';
    const text = readFileSync(join(DIR, file), 'utf8');
    const doc = JSON.parse(text) as { Actions: { Type: string }[] };
    const positions = parseJsonWithPositions(text, file);
    const ref = flowOf(file).references[0]!;
    const index = doc.Actions.findIndex((a) => JSON.stringify(a).includes(JSON.stringify(ref.arn)));
    expect(ref.origin).toEqual({ file: join(DIR, file), ...positions.positionOf(['Actions', index])! });
  });

  it('finds a key planted in an older export at its module, keeping only kind and place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-older-'));
    const file = join(dir, 'Sample_SCV_REST_Check_For_Open_Cases');
    const doc = JSON.parse(readFileSync(join(DIR, OLDER[0]!), 'utf8')) as { modules: { id: string; type: string; parameters: Record<string, unknown>[] }[] };
    const index = doc.modules.findIndex((m) => m.type === 'SetAttributes');
    doc.modules[index]!.parameters.push({ name: 'Attribute', key: 'exportUser', value: 'AKIAZ7QX3N4P5L6M7K8J', namespace: null });
    // A value read from an attribute at run time is no literal.
    doc.modules[index]!.parameters.push({ name: 'Attribute', key: 'apiToken', value: 'crmToken', namespace: 'User Defined' });
    const text = JSON.stringify(doc, null, 4);
    writeFileSync(file, text);
    cpSync(join(DIR, OLDER[1]!), join(dir, OLDER[1]!));
    writeFileSync(join(dir, 'README.md'), '# exported flows\n');
    writeFileSync(join(dir, 'LICENSE'), 'Apache License\n');
    const read = readFlowDirectory(dir, OPTS);
    const flow = read.inventory.aws.accounts[0]!.connectInstances[0]!.flows.find((f) => f.origin!.file === file)!;
    const position = parseJsonWithPositions(text, file).positionOf(['modules', index])!;
    expect(flow.secrets).toEqual([{ action: 'SetAttributes', actionId: doc.modules[index]!.id, parameter: 'Attribute.exportUser', kind: 'aws-access-key', origin: { file, ...position } }]);
    expect(JSON.stringify(read.inventory)).not.toContain('AKIAZ7QX3N4P5L6M7K8J');
    // The README and the extensionless licence are skipped and counted in the progress line.
    expect(read.progress).toBe(`read 2 flow files from ${dir}, skipped 2 other files (LICENSE, README.md)`);
  });
});
