/**
 * Environment of a resource (DESIGN.md): explicit config mapping first, then a tag
 * (key configurable, default `Environment`), then inherited from its account. Unknown stays null.
 */
export const DEFAULT_ENVIRONMENT_TAG_KEY = 'Environment';

export interface EnvironmentSources {
  configured?: string | null;
  tags?: Record<string, string> | null;
  tagKey?: string;
  inherited?: string | null;
}

export function resolveEnvironment(src: EnvironmentSources): string | null {
  if (src.configured) return src.configured;
  const tagKey = src.tagKey ?? DEFAULT_ENVIRONMENT_TAG_KEY;
  const tagged = src.tags?.[tagKey];
  if (tagged) return tagged;
  return src.inherited ?? null;
}
