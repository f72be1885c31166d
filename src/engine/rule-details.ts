/** `scv-guard policy show ID`: one rule's metadata, the settings its source reads, where it lives. */
import { readFileSync } from 'node:fs';
import type { RuleMeta } from '../findings/model.js';
import type { CompiledPolicy } from '../rego/index.js';
import { settingDefaults } from './policy-doc.js';

export interface RuleDetails extends RuleMeta {
  /** Settings (data.config keys) the rule's own source reads, with their defaults. */
  settings: { key: string; default: unknown }[];
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * The settings a rule module reads itself: `config.<snake_case>` through data.scv.lib.config, or
 * `data.config.<key>`. Helpers of the library it calls may read more (docs/policy-library.md).
 */
export function ruleDetails(rule: RuleMeta, policy: CompiledPolicy): RuleDetails {
  const text = readFileSync(rule.location.file, 'utf8');
  const defaults = settingDefaults(policy);
  const settings = Object.keys(defaults)
    .filter((key) => new RegExp(`\\bconfig\\.(${snakeCase(key)}|${key})\\b`).test(text))
    .map((key) => ({ key, default: defaults[key] }));
  return { ...rule, settings };
}

export function formatRuleDetails(d: RuleDetails): string {
  const lines = [
    `${d.id}  ${d.title}`,
    `severity:    ${d.severity}`,
    `package:     ${d.package}`,
    `source:      ${d.location.file}:${d.location.line}`,
    '',
    'description:',
    ...d.description.trim().split('\n').map((l) => `  ${l}`),
    '',
    'remediation:',
    ...d.remediation.trim().split('\n').map((l) => `  ${l}`),
  ];
  if (d.tags.length > 0) lines.push('', `tags:        ${d.tags.join(', ')}`);
  const fw = Object.entries(d.frameworks);
  if (fw.length > 0) lines.push(`frameworks:  ${fw.map(([k, v]) => `${k} ${v.join(', ')}`).join('; ')}`);
  lines.push('', 'settings read (data.config, set under settings: in the config):');
  if (d.settings.length === 0) lines.push('  none read directly by this rule');
  for (const s of d.settings) lines.push(`  ${s.key} (default ${JSON.stringify(s.default)})`);
  if (d.relatedResources.length > 0) {
    lines.push('', 'references:');
    for (const r of d.relatedResources) lines.push(`  ${r.ref}${r.description ? ` (${r.description})` : ''}`);
  }
  return lines.join('\n') + '\n';
}
