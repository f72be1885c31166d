/** The flow writer shared by `export flows` and `backup`: what it writes and what it leaves to the collector's errors. */
import { describe, expect, it } from 'vitest';
import type { DescribedFlow } from '../../src/collect/aws/connect-flows.js';
import { analyzeFlowContent } from '../../src/collect/flow-language/analyze.js';
import { canonicalJson, fileNameOf, flowDocuments } from '../../src/export/flow-files.js';
import { thrown } from '../support/thrown.js';
import { ScvGuardError } from '../../src/errors.js';

function described(name: string, content: string | null): DescribedFlow {
  return { flow: { id: name, arn: null, name, type: 'CONTACT_FLOW', state: 'ACTIVE', references: [], secrets: [] }, content };
}

const VALID = '{"Version": "2019-10-30", "StartAction": "a", "Actions": [{"Identifier": "a", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]}';

describe('flowDocuments', () => {
  it('writes content the input reader accepts, and leaves out what it refuses, as the collector records it', () => {
    const duplicate = '{"Version": "2019-10-30",\n "StartAction": "a",\n "StartAction": "b", "Actions": []}';
    const deep = `${'['.repeat(200)}${']'.repeat(200)}`;
    const docs = flowDocuments([described('good', VALID), described('duplicate', duplicate), described('deep', deep), described('unread', null)], false);
    expect(docs.map((d) => d.file)).toEqual(['CONTACT_FLOW/good.json']);
    // The collector reads the same content with the same reader: its error (SCV-COLL-001) is located inside the content.
    expect(thrown(() => analyzeFlowContent(duplicate), ScvGuardError).message).toMatch(/^flow content: duplicate key "StartAction" \(at line 3, column 2/);
    expect(thrown(() => analyzeFlowContent(deep), ScvGuardError).message).toMatch(/^flow content: nested deeper than 128 levels/);
  });

  it('writes control characters of the content as \\uXXXX escapes: the same value, nothing raw in the file', () => {
    const hostile = VALID.replace('"a"', '"a\u202e\u009b"').replace('"a"', '"a\u202e\u009b"');
    const [doc] = flowDocuments([described('hostile', hostile)], false);
    const text = canonicalJson(doc!.doc);
    expect(text).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('"a\\u202e\\u009b"');
    expect(JSON.parse(text)).toEqual(JSON.parse(hostile));
  });

  it('names files without control characters that could disguise them', () => {
    expect(fileNameOf('Inbound \u202egnp.exe\u2066 \u009b31m\u001b')).toBe('Inbound _gnp.exe_ _31m_');
  });
});
