import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalResourceId, fingerprint } from '../../src/findings/fingerprint.js';

describe('fingerprint', () => {
  const bucket = { type: 'aws-s3-bucket', id: 'arn:aws:s3:::acme-recordings' };

  it('is the sha256 of rule id and canonical resource id', () => {
    const expected = createHash('sha256').update('SCV-DATA-001\naws-s3-bucket:arn:aws:s3:::acme-recordings').digest('hex');
    expect(fingerprint('SCV-DATA-001', bucket)).toBe(expected);
    expect(fingerprint('SCV-DATA-001', bucket)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores everything but the rule and the resource identity', () => {
    const a = fingerprint('SCV-DATA-001', { ...bucket, environment: 'prod' } as typeof bucket);
    const b = fingerprint('SCV-DATA-001', { ...bucket, arn: 'x', environment: null } as typeof bucket);
    expect(a).toBe(b);
  });

  it('differs by rule, resource id and resource type', () => {
    const base = fingerprint('SCV-DATA-001', bucket);
    expect(fingerprint('SCV-ENV-002', bucket)).not.toBe(base);
    expect(fingerprint('SCV-DATA-001', { ...bucket, id: 'arn:aws:s3:::other' })).not.toBe(base);
    expect(fingerprint('SCV-DATA-001', { ...bucket, type: 'aws-kinesis-stream' })).not.toBe(base);
  });

  it('keeps the rule id apart from the resource', () => {
    expect(fingerprint('A', { type: 'b', id: 'c' })).not.toBe(fingerprint('A\nb', { type: '', id: 'c' }));
    expect(canonicalResourceId({ type: 'aws-iam-role', id: 'arn:aws:iam::1:role/x' })).toBe('aws-iam-role:arn:aws:iam::1:role/x');
  });
});
