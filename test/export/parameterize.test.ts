/** `export flows --parameterize`: only the exporting instance's own values become placeholders. */
import { describe, expect, it } from 'vitest';
import { parameterizeDocument, parameterizeString } from '../../src/export/parameterize.js';

const OWN = { accountId: '222222222222', region: 'us-east-1', instanceId: '22222222-aaaa-4bbb-8ccc-000000000002', environment: 'uat' };

describe('parameterizeString', () => {
  it("replaces the instance's own account, region, id and Lambda alias in its own ARNs", () => {
    expect(parameterizeString('arn:aws:lambda:us-east-1:222222222222:function:lookup:uat', OWN)).toBe('arn:aws:lambda:${Region}:${AccountId}:function:lookup:${LambdaAlias}');
    expect(parameterizeString(`arn:aws:connect:us-east-1:222222222222:instance/${OWN.instanceId}/queue/q-1`, OWN)).toBe('arn:aws:connect:${Region}:${AccountId}:instance/${InstanceId}/queue/q-1');
    expect(parameterizeString(OWN.instanceId, OWN)).toBe('${InstanceId}');
  });

  it('keeps the region, account and qualifier of an ARN of another account', () => {
    for (const foreign of [
      'arn:aws:lambda:us-east-1:999999999999:function:shared-lookup:uat',
      'arn:aws:lambda:us-east-1:111111111111:function:prod-lookup',
      'arn:aws:lex:us-east-1:999999999999:bot-alias/B1/A1',
    ]) {
      expect(parameterizeString(foreign, OWN)).toBe(foreign);
    }
  });

  it('keeps another region of its own account, an unrelated qualifier, and ARNs without an account', () => {
    expect(parameterizeString('arn:aws:lambda:eu-west-1:222222222222:function:lookup:live', OWN)).toBe('arn:aws:lambda:eu-west-1:${AccountId}:function:lookup:live');
    expect(parameterizeString('arn:aws:s3:::us-east-1-bucket', OWN)).toBe('arn:aws:s3:::us-east-1-bucket');
    // Text that is not an ARN keeps values that merely look like the account or region.
    expect(parameterizeString('Call :us-east-1: or 222222222222, stage:uat', OWN)).toBe('Call :us-east-1: or 222222222222, stage:uat');
  });

  it('replaces every ARN inside a longer string and walks the whole document', () => {
    const doc = {
      Actions: [
        { Parameters: { LambdaFunctionARN: 'arn:aws:lambda:us-east-1:222222222222:function:a:uat' } },
        { Parameters: { Text: 'see arn:aws:lambda:us-east-1:999999999999:function:b and arn:aws:lambda:us-east-1:222222222222:function:c' } },
      ],
    };
    expect(parameterizeDocument(doc, OWN)).toEqual({
      Actions: [
        { Parameters: { LambdaFunctionARN: 'arn:aws:lambda:${Region}:${AccountId}:function:a:${LambdaAlias}' } },
        { Parameters: { Text: 'see arn:aws:lambda:us-east-1:999999999999:function:b and arn:aws:lambda:${Region}:${AccountId}:function:c' } },
      ],
    });
  });
});
