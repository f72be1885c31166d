import { describe, expect, it } from 'vitest';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { attempt, collectPages, errorCode, ErrorLog, scrubMessage, toCollectionError } from '../../../src/collect/aws/errors.js';
import { parsePolicyDocument, PolicyDocumentError } from '../../../src/collect/aws/policy.js';
import { regionFromLocation } from '../../../src/collect/aws/s3.js';
import { parseStreamArn } from '../../../src/collect/aws/kinesis.js';
import { mergeTrails } from '../../../src/collect/aws/cloudtrail.js';

describe('collection errors', () => {
  it('takes the AWS error code from SDK exceptions, Node errors and bare HTTP failures', () => {
    const sdk = new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Access Denied' });
    expect(errorCode(sdk)).toBe('AccessDenied');
    expect(errorCode(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(errorCode({ $metadata: { httpStatusCode: 500 } })).toBe('HTTP500');
    expect(errorCode('boom')).toBe('UnknownError');
  });

  it('scrubs access keys and signatures from messages and keeps them to one short line', () => {
    const msg = scrubMessage('denied for AKIAABCDEFGHIJKLMNOP\nCredential=ASIAXXXXXXXXXXXXXXXX/2026 Signature=abc123 ' + 'x'.repeat(400));
    expect(msg).not.toMatch(/AKIAABCDEFGHIJKLMNOP|ASIAXXXX|abc123|\n/);
    expect(msg.length).toBeLessThanOrEqual(300);
    expect(toCollectionError('1/us-east-1/x', 'ListRoles', new Error(''))).toMatchObject({
      source: 'aws',
      target: '1/us-east-1/x',
      operation: 'ListRoles',
      code: 'UnknownError',
      message: 'UnknownError',
      sections: ['aws.iamRoles'],
      cause: 'other',
    });
  });

  it('attempt() turns the listed absent codes into absence without an error, and records the rest', async () => {
    const log = new ErrorLog();
    const absent = await attempt(log, 't', 'GetBucketTagging', () => Promise.reject(Object.assign(new Error('no tags'), { name: 'NoSuchTagSet' })), ['NoSuchTagSet']);
    expect(absent).toEqual({ ok: false, absent: true });
    const denied = await attempt(log, 't', 'GetBucketTagging', () => Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDenied' })), ['NoSuchTagSet']);
    expect(denied).toEqual({ ok: false, absent: false });
    expect(log.entries).toEqual([
      {
        source: 'aws',
        target: 't',
        operation: 'GetBucketTagging',
        code: 'AccessDenied',
        message: 'denied',
        sections: ['aws.s3Buckets.tags'],
        cause: 'access-denied',
        remediation: expect.stringMatching(/^Allow s3:GetBucketTagging to the scanner's credentials .*docs\/iam-policy\.json/),
      },
    ]);
  });

  it('collectPages() keeps the pages read before a failure and records it', async () => {
    const log = new ErrorLog();
    async function* pages() {
      yield { Items: [1, 2] };
      throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    }
    const result = await collectPages(log, 't', 'ListX', pages, (p) => p.Items);
    expect(result).toEqual({ items: [1, 2], complete: false });
    expect(log.entries[0]?.code).toBe('ThrottlingException');
  });
});

describe('policy documents', () => {
  it('URL-decodes, parses and wraps a single Statement in an array', () => {
    const encoded = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*' } }));
    expect(parsePolicyDocument(encoded, { urlEncoded: true })).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*' }] });
    expect(parsePolicyDocument('{"Version":"2012-10-17"}').Statement).toEqual([]);
  });

  it('rejects text that is not a policy object', () => {
    expect(() => parsePolicyDocument('%E0%A4%A', { urlEncoded: true })).toThrow(PolicyDocumentError);
    expect(() => parsePolicyDocument('[1]')).toThrow(/not a JSON object/);
    expect(() => parsePolicyDocument('{"Statement":[1]}')).toThrow(/must be objects/);
  });
});

describe('small helpers', () => {
  it('maps GetBucketLocation constraints to regions', () => {
    expect(regionFromLocation(undefined)).toBe('us-east-1');
    expect(regionFromLocation('')).toBe('us-east-1');
    expect(regionFromLocation('EU')).toBe('eu-west-1');
    expect(regionFromLocation('ap-southeast-2')).toBe('ap-southeast-2');
  });

  it('parses Kinesis stream ARNs', () => {
    expect(parseStreamArn('arn:aws:kinesis:eu-west-2:111111111111:stream/ctr')).toEqual({ region: 'eu-west-2', account: '111111111111', name: 'ctr' });
    expect(parseStreamArn('arn:aws:firehose:eu-west-2:111111111111:deliverystream/x')).toBeNull();
  });

  it('merges trails seen from several regions once, and is null only when no region could be read', () => {
    const t = { name: 'org', arn: 'arn:t', multiRegion: true, organization: true };
    expect(mergeTrails([[{ ...t, logging: null }], [{ ...t, logging: true }]])).toEqual({ trails: [{ ...t, logging: true }] });
    expect(mergeTrails([null, []])).toEqual({ trails: [] });
    expect(mergeTrails([null, null])).toBeNull();
  });
});
