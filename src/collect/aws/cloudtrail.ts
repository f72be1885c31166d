/** CloudTrail trails visible from each region (shadow trails included, de-duplicated) and their logging status. */
import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import type { Trail } from '../../inventory/types.js';
import { targetOf, type AccountContext } from './context.js';
import { attempt } from './errors.js';

/** Trails of one region, or null when DescribeTrails failed (recorded). */
export async function collectTrails(ctx: AccountContext, region: string): Promise<Trail[] | null> {
  const client = ctx.clients.get('cloudtrail', region);
  const listed = await attempt(ctx.errors, targetOf(ctx, region, 'cloudtrail:trails'), 'DescribeTrails', () =>
    client.send(new DescribeTrailsCommand({ includeShadowTrails: true })),
  );
  if (!listed.ok) return null;
  const trails: Trail[] = [];
  for (const t of listed.value.trailList ?? []) {
    const name = t.Name ?? t.TrailARN ?? '';
    const status = await attempt(ctx.errors, targetOf(ctx, region, t.TrailARN ?? name), 'GetTrailStatus', () =>
      client.send(new GetTrailStatusCommand({ Name: t.TrailARN ?? name })),
    );
    trails.push({
      name,
      arn: t.TrailARN ?? null,
      multiRegion: t.IsMultiRegionTrail ?? null,
      organization: t.IsOrganizationTrail ?? null,
      logging: status.ok ? (status.value.IsLogging ?? null) : null,
    });
  }
  return trails;
}

/** Merges per-region results; a trail seen in several regions (multi-region, shadow) appears once. */
export function mergeTrails(perRegion: readonly (Trail[] | null)[]): { trails: Trail[] } | null {
  if (perRegion.length > 0 && perRegion.every((r) => r === null)) return null;
  const byKey = new Map<string, Trail>();
  for (const trails of perRegion) {
    for (const t of trails ?? []) {
      const key = t.arn ?? t.name;
      const seen = byKey.get(key);
      // Prefer the reading that has a logging status.
      if (!seen || (seen.logging === null && t.logging !== null)) byKey.set(key, t);
    }
  }
  return { trails: [...byKey.values()].sort((a, b) => (a.arn ?? a.name).localeCompare(b.arn ?? b.name)) };
}
