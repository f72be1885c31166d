/**
 * Stable finding fingerprints: a hash of the rule id and the canonical resource id, never a time
 * or a message, so the same problem on the same resource keeps its fingerprint across scans
 * (SARIF partialFingerprints, baselines, waivers).
 */
import { createHash } from 'node:crypto';
import type { ResourceRef } from './model.js';

/** The resource's canonical id: `type` + id (ARN for AWS resources where one exists, org id for orgs). */
export function canonicalResourceId(resource: Pick<ResourceRef, 'type' | 'id'>): string {
  return `${resource.type}:${resource.id}`;
}

/** 64 hex characters: sha256 of `<ruleId>\n<canonical resource id>`. */
export function fingerprint(ruleId: string, resource: Pick<ResourceRef, 'type' | 'id'>): string {
  return createHash('sha256').update(`${ruleId}\n${canonicalResourceId(resource)}`, 'utf8').digest('hex');
}
