/** `scv-guard policy show ID`: one rule's metadata, the settings it reads, where it lives. */
import type { RuleMeta } from '../findings/model.js';
import type { CompiledPolicy } from '../rego/index.js';
import { settingDefaults } from './policy-doc.js';
import { settingsReadBy } from './rule-settings.js';

export interface RuleDetails extends RuleMeta {
  /** Settings (data.config keys) the rule reads, itself or through the helpers it calls, with their defaults. */
  settings: { key: string; default: unknown }[];
}

/** The rule's metadata with the settings it reads, directly or through library helpers. */
export function ruleDetails(rule: RuleMeta, policy: CompiledPolicy): RuleDetails {
  const defaults = settingDefaults(policy);
  const settings = settingsReadBy(policy, rule.package.split('.'), Object.keys(defaults)).map((key) => ({ key, default: defaults[key] }));
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
  lines.push('', 'settings read, by the rule or the helpers it calls (set under settings: in the config):');
  if (d.settings.length === 0) lines.push('  none');
  for (const s of d.settings) lines.push(`  ${s.key} (default ${JSON.stringify(s.default)})`);
  if (d.relatedResources.length > 0) {
    lines.push('', 'references:');
    for (const r of d.relatedResources) lines.push(`  ${r.ref}${r.description ? ` (${r.description})` : ''}`);
  }
  return lines.join('\n') + '\n';
}
