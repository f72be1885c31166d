/** Origins attached to raw findings: the column of a resource read from a one-line file is kept. */
import { describe, expect, it } from 'vitest';
import { OriginIndex, toRawFindings } from '../../src/engine/raw-findings.js';
import { emptyInventory, type Inventory, type Origin } from '../../src/inventory/types.js';

function inventoryWith(roleOrigin: Origin, bucketOrigin: Origin): Inventory {
  const inv = emptyInventory();
  inv.aws.accounts.push({
    id: '111111111111', name: null, environment: null, state: null, tags: {}, connectInstances: [], kinesisStreams: [], cloudTrail: null,
    iamRoles: [{ arn: 'arn:aws:iam::111111111111:role/r', name: 'r', path: '/', tags: {}, trustPolicy: null, origin: roleOrigin }],
    s3Buckets: [{ name: 'b', arn: 'arn:aws:s3:::b', region: null, environment: null, tags: {}, policy: null, publicAccessBlock: null, encryption: null, versioning: null, origin: bucketOrigin }],
  });
  return inv;
}

const ROLE = { type: 'iam-role', id: 'arn:aws:iam::111111111111:role/r' };
const BUCKET = { type: 's3-bucket', id: 'arn:aws:s3:::b' };

describe('OriginIndex columns', () => {
  it('carries the column of resources declared on one line, and none where the origin has none', () => {
    const origins = OriginIndex.of(inventoryWith({ file: 'plan.json', line: 1, column: 2817 }, { file: 'plan.json', line: 1, column: 5120 }));
    const [role, bucket] = toRawFindings('R-1', [{ msg: 'm', resource: ROLE }, { msg: 'm', resource: BUCKET }], origins);
    expect(role!.origin).toEqual({ file: 'plan.json', line: 1, column: 2817 });
    expect(bucket!.origin).toEqual({ file: 'plan.json', line: 1, column: 5120 });

    const lineOnly = OriginIndex.of(inventoryWith({ file: 'plan.json', line: 12 }, { file: 'stack.yaml', line: 4, column: null }));
    const [r2, b2] = toRawFindings('R-1', [{ msg: 'm', resource: ROLE }, { msg: 'm', resource: BUCKET }], lineOnly);
    expect(r2!.origin).toEqual({ file: 'plan.json', line: 12 });
    expect(Object.keys(r2!.origin!)).toEqual(['file', 'line']);
    expect(Object.keys(b2!.origin!)).toEqual(['file', 'line']);
  });

  it('drops a column whose line is unknown (line 1 then only stands for the file)', () => {
    const origins = OriginIndex.of(inventoryWith({ file: 'plan.json', line: null, column: 40 }, { file: 'plan.json', line: 1, column: 1 }));
    const [role] = toRawFindings('R-1', [{ msg: 'm', resource: ROLE }], origins);
    expect(role!.origin).toEqual({ file: 'plan.json', line: 1 });
    expect(role!.origin!.column).toBeUndefined();
  });

  it('takes the column of the related resource a finding falls back to', () => {
    const origins = OriginIndex.of(inventoryWith({ file: 'plan.json', line: 1, column: 2817 }, { file: 'plan.json', line: 1, column: 5120 }));
    const [finding] = toRawFindings('R-1', [{ msg: 'm', resource: { type: 'aws-account', id: '111111111111' }, related: [{ type: 's3-bucket', id: 'live' }, BUCKET] }], origins);
    expect(finding!.origin).toEqual({ file: 'plan.json', line: 1, column: 5120 });
  });
});

describe('finding origins', () => {
  const inv = inventoryWith({ file: 'plan.json', line: 12 }, { file: 'stack.yaml', line: 4 });
  it('puts the places the rule names first, then the resource, then related resources, without repeats', () => {
    const [f] = toRawFindings(
      'R-1',
      [{ msg: 'm', resource: BUCKET, related: [ROLE], origins: [{ file: 'flow.json', line: 9, column: 3 }, { file: 'stack.yaml', line: 4 }] }],
      OriginIndex.of(inv),
    );
    expect(f!.origins).toEqual([{ file: 'flow.json', line: 9, column: 3 }, { file: 'stack.yaml', line: 4 }, { file: 'plan.json', line: 12 }]);
    expect(f!.origin).toEqual({ file: 'flow.json', line: 9, column: 3 });
  });

  it('a malformed origins value makes the rule could-not-evaluate (FindingShapeError)', () => {
    expect(() => toRawFindings('R-1', [{ msg: 'm', resource: BUCKET, origins: 'plan.json' }], OriginIndex.of(inv))).toThrow(/deny\[0\]\.origins must be a list/);
    expect(() => toRawFindings('R-1', [{ msg: 'm', resource: BUCKET, origins: [{ file: 'p', line: 0 }] }], OriginIndex.of(inv))).toThrow(/origins\[0\]\.line must be a line number/);
  });
});

describe('notes', () => {
  it('marks a finding with "severity": "info" as a note and refuses any other severity', async () => {
    const { toRawFinding, FindingShapeError } = await import('../../src/engine/raw-findings.js');
    const value = { msg: 'declared multi-org group', resource: { type: 'aws-account', id: '111111111111' }, severity: 'info' };
    expect(toRawFinding('SCV-ACCT-001', value, 0).note).toBe(true);
    expect(toRawFinding('SCV-ACCT-001', { ...value, severity: undefined }, 0).note).toBeUndefined();
    expect(() => toRawFinding('SCV-ACCT-001', { ...value, severity: 'low' }, 0)).toThrow(FindingShapeError);
  });
});
