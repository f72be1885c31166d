/**
 * The HTML report: one self-contained page (no network fetches; a Content-Security-Policy forbids
 * them) with a summary by severity and environment, a sortable and filterable findings table and
 * the estate graph as inline SVG. Every value from the inventory or findings is escaped.
 *
 * The graph layout comes from elkjs, which is asynchronous: `prepareHtml` computes it and puts
 * it in `input.estateLayout`; `formatHtml` stays a pure function of its input. writeReports runs
 * both; other callers use `renderHtml`.
 */
import { createHash } from 'node:crypto';
import type { Finding, RuleOutcome } from '../findings/model.js';
import { SEVERITIES, meetsThreshold, severityRank } from '../findings/severity.js';
import { TOOL_NAME, describeLocation, describeWaiverPlace, isActive, locatedBeyondRule, statusExplanation, summarize, viewOf, type ReportView } from './common.js';
import { unmatchedWaiverText } from '../findings/waivers.js';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js';
import { layoutEstate, nodeForResource, type EstateLayout, type EstateNode } from './html-graph.js';
import type { ReportInput } from './types.js';

/** Text and attribute values: every character HTML could read as markup becomes an entity. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const KIND_LABEL: Record<EstateNode['kind'], string> = {
  org: 'Salesforce org',
  'contact-center': 'Contact center',
  instance: 'Connect instance',
  account: 'AWS account',
  bucket: 'S3 bucket',
  stream: 'Stream',
};

const ENV_COLORS = ['#dbeafe', '#dcfce7', '#fef3c7', '#f3e8ff', '#ffe4e6', '#e0f2fe', '#ecfccb', '#fae8ff'];
const NO_ENV_COLOR = '#eaeef2';

/** Adds the estate layout the HTML formatter draws (elkjs is async). Without an inventory, nothing to lay out. */
export async function prepareHtml(input: ReportInput): Promise<ReportInput> {
  if (!input.inventory) return input;
  return { ...input, estateLayout: await layoutEstate(input.inventory) };
}

export async function renderHtml(input: ReportInput): Promise<string> {
  return formatHtml(await prepareHtml(input));
}

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function environmentsOf(input: ReportInput, view: ReportView): string[] {
  const names = (input.inventory?.environments ?? []).map((e) => e.name);
  for (const f of view.findings) {
    const env = f.resource.environment;
    if (env != null && !names.includes(env)) names.push(env);
  }
  return names;
}

function summaryHtml(input: ReportInput, view: ReportView, environments: string[]): string {
  const summary = summarize(view);
  const cards = SEVERITIES.map(
    (s) => `<div class="card"><span class="n">${summary.bySeverity[s]}</span><span class="sev sev-${s}">${s}</span></div>`,
  );
  cards.push(`<div class="card"><span class="n">${summary.waived}</span>waived</div>`);
  if (summary.baseline) cards.push(`<div class="card"><span class="n">${summary.baseline.new}</span>new since baseline</div>`);
  cards.push(`<div class="card"><span class="n">${summary.rules.couldNotEvaluate}</span>rules not evaluable</div>`);
  cards.push(`<div class="card"><span class="n">${summary.rules.incomplete}</span>rules incomplete</div>`);
  if (summary.rules.notEvaluated > 0) cards.push(`<div class="card"><span class="n">${summary.rules.notEvaluated}</span>rules not evaluated</div>`);

  const envRows = [...environments, null].map((env) => {
    const active = view.findings.filter((f) => isActive(f) && (f.resource.environment ?? null) === env);
    if (env === null && active.length === 0) return '';
    const tier = input.inventory?.environments.find((e) => e.name === env)?.tier;
    const cells = SEVERITIES.map((s) => `<td class="num">${active.filter((f) => f.severity === s).length}</td>`).join('');
    const label = env === null ? '<em>unknown</em>' : escapeHtml(env);
    return `<tr><th scope="row">${label}${tier ? ` <span class="meta">(${escapeHtml(tier)})</span>` : ''}</th>${cells}<td class="num">${active.length}</td></tr>`;
  });
  return `<section id="summary"><h2>Summary</h2><div class="cards">${cards.join('')}</div>
<table id="environment-summary"><thead><tr><th>Environment</th>${SEVERITIES.map((s) => `<th class="num">${s}</th>`).join('')}<th class="num">total</th></tr></thead>
<tbody>${envRows.join('')}</tbody></table></section>`;
}

function statusText(finding: Finding): string {
  if (finding.waiver !== undefined) return `waived until ${finding.waiver.expires}: ${finding.waiver.reason}`;
  if (finding.baselineState === 'absent') return 'fixed since baseline';
  if (finding.baselineState === 'new') return 'new';
  return 'active';
}

function findingsHtml(input: ReportInput, view: ReportView, environments: string[], nodeOf: (f: Finding) => string): string {
  const rows = view.findings.map((f, i) => {
    const rule = view.byId.get(f.ruleId)?.rule;
    const env = f.resource.environment ?? '';
    const location = locatedBeyondRule(f) ? escapeHtml(describeLocation(f, input.run.rootDir)) : '';
    const attrs = [
      `id="finding-${i}"`,
      `data-order="${i}"`,
      `data-rank="${severityRank(f.severity)}"`,
      `data-severity="${f.severity}"`,
      `data-rule="${escapeHtml(f.ruleId)}"`,
      `data-resource="${escapeHtml(f.resource.id)}"`,
      `data-node="${escapeHtml(nodeOf(f))}"`,
      `data-environment="${escapeHtml(env)}"`,
      `data-active="${isActive(f)}"`,
      ...(isActive(f) ? [] : ['class="inactive"']),
    ];
    return `<tr ${attrs.join(' ')}><td><span class="sev sev-${f.severity}">${f.severity}</span></td>` +
      `<td><strong>${escapeHtml(f.ruleId)}</strong><br>${escapeHtml(rule?.title ?? '')}</td>` +
      `<td>${escapeHtml(f.resource.type)}<br><span class="mono">${escapeHtml(f.resource.arn ?? f.resource.id)}</span></td>` +
      `<td>${escapeHtml(env)}</td><td class="msg">${escapeHtml(f.message)}</td>` +
      `<td class="mono">${location}</td><td>${escapeHtml(statusText(f))}</td></tr>`;
  });
  const sevOptions = SEVERITIES.map((s) => `<option value="${s}">${s}</option>`).join('');
  const envOptions = environments.map((e) => `<option value="${escapeHtml(e)}">${escapeHtml(e)}</option>`).join('');
  const th = (key: string, label: string): string => `<th data-sort="${key}"${key === 'rank' ? ' aria-sort="descending"' : ''}><button type="button">${label}</button></th>`;
  return `<section id="findings"><h2>Findings (<span id="visible-count">${view.findings.length}</span> shown of ${view.findings.length})</h2>
<div class="filters">
<label>Severity <select id="filter-severity"><option value="">all</option>${sevOptions}</select></label>
<label>Environment <select id="filter-environment"><option value="">all</option>${envOptions}</select></label>
<label>Search <input id="filter-text" type="search" placeholder="rule, resource, message"></label>
<label><input id="filter-inactive" type="checkbox" checked> show waived and fixed</label>
<span id="filter-resource" hidden>Resource: <strong id="filter-resource-name"></strong> <button type="button" id="filter-resource-clear">show all</button></span>
</div>
<table id="findings-table"><thead><tr>${th('rank', 'Severity')}${th('rule', 'Rule')}${th('resource', 'Resource')}${th('environment', 'Environment')}<th>Message</th><th>Location</th><th>Status</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
${view.findings.length === 0 ? '<p>No findings.</p>' : ''}</section>`;
}

function nodeSvg(node: EstateNode, fill: string, findings: number, firstFinding: number | undefined): string {
  const classes = ['node', `kind-${node.kind}`, ...(node.external ? ['external'] : []), ...(findings > 0 ? ['has-findings'] : [])];
  const env = node.environment ?? 'environment unknown';
  const title = [`${KIND_LABEL[node.kind]}: ${node.name}`, ...node.details, `environment: ${env}`, `${findings} active finding(s)`, ...(node.external ? ['not in the inventory'] : [])];
  const href = firstFinding !== undefined ? `#finding-${firstFinding}` : '#findings';
  const badge = findings > 0
    ? `<circle class="badge" cx="${node.x + node.width - 4}" cy="${node.y + 4}" r="11"/><text class="badge-n" x="${node.x + node.width - 4}" y="${node.y + 8}" text-anchor="middle">${findings}</text>`
    : '';
  return `<a class="${classes.join(' ')}" href="${href}" data-node="${escapeHtml(node.id)}" data-name="${escapeHtml(node.name)}">` +
    `<title>${escapeHtml(title.join('\n'))}</title>` +
    `<rect x="${node.x}" y="${node.y}" width="${node.width}" height="${node.height}" rx="6" fill="${fill}"/>` +
    `<text class="kind" x="${node.x + 10}" y="${node.y + 17}">${escapeHtml(KIND_LABEL[node.kind])}</text>` +
    `<text x="${node.x + 10}" y="${node.y + 34}">${escapeHtml(truncate(node.name, 30))}</text>` +
    `<text class="kind" x="${node.x + 10}" y="${node.y + 50}">${escapeHtml(truncate(env, 32))}</text>${badge}</a>`;
}

function graphHtml(input: ReportInput, view: ReportView, environments: string[], nodeOf: (f: Finding) => string): string {
  const heading = '<h2>Estate</h2>';
  const layout: EstateLayout | undefined = input.estateLayout;
  if (!input.inventory) return `<section id="estate">${heading}<p>No inventory was passed to the report, so there is no estate graph.</p></section>`;
  if (!layout) throw new Error('html report: the estate layout is missing; render it with renderHtml or writeReports');
  if (layout.omitted) return `<section id="estate">${heading}<p>${escapeHtml(layout.omitted)}</p></section>`;
  const color = (env: string | null): string => {
    const i = env === null ? -1 : environments.indexOf(env);
    return i < 0 ? NO_ENV_COLOR : ENV_COLORS[i % ENV_COLORS.length]!;
  };
  const counts = new Map<string, number>();
  const first = new Map<string, number>();
  view.findings.forEach((f, i) => {
    const node = nodeOf(f);
    if (node === '' || !isActive(f)) return;
    counts.set(node, (counts.get(node) ?? 0) + 1);
    if (!first.has(node)) first.set(node, i);
  });
  const edges = layout.edges
    .filter((e) => e.points.length >= 2)
    .map((e) => `<path class="edge edge-${e.kind}" d="M${e.points.map((p) => `${p.x},${p.y}`).join(' L')}" marker-end="url(#arrow)"/>`);
  const nodes = layout.nodes.map((n) => nodeSvg(n, color(n.environment), counts.get(n.id) ?? 0, first.get(n.id)));
  const legend = [
    ...environments.map((e) => `<span><span class="swatch" style="background:${color(e)}"></span>${escapeHtml(e)}</span>`),
    `<span><span class="swatch" style="background:${NO_ENV_COLOR}"></span>environment unknown</span>`,
    '<span>red outline: has active findings (click to filter the table)</span>',
    '<span>dashed: referenced, not in the inventory</span>',
  ];
  return `<section id="estate">${heading}<div class="legend">${legend.join('')}</div><div class="graph">` +
    `<svg id="estate-graph" xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="Estate graph">` +
    '<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path class="arrow" d="M0,0 L8,4 L0,8 z"/></marker></defs>' +
    `<g class="edges">${edges.join('')}</g><g class="nodes">${nodes.join('\n')}</g></svg></div></section>`;
}

function ruleListHtml(view: ReportView, outcome: RuleOutcome, id: string, heading: string): string {
  const items = view.rules.filter((s) => s.outcome === outcome);
  if (items.length === 0) return '';
  const li = items.map((s) => `<li><strong>${escapeHtml(s.rule.id)}</strong> ${escapeHtml(s.rule.title)}: ${escapeHtml(outcome === 'could-not-evaluate' ? (s.error ?? 'no reason given') : statusExplanation(s))}</li>`);
  return `<section id="${id}"><h2>${heading}</h2><ul>${li.join('')}</ul></section>`;
}

function unevaluatedHtml(view: ReportView): string {
  return (
    ruleListHtml(view, 'could-not-evaluate', 'not-evaluable', 'Rules that could not be evaluated') +
    ruleListHtml(view, 'incomplete', 'incomplete', 'Rules that could not check everything (incomplete)') +
    ruleListHtml(view, 'not-evaluated', 'not-evaluated', 'Rules not evaluated')
  );
}

function unmatchedWaiversHtml(input: ReportInput): string {
  const unmatched = input.unmatchedWaivers ?? [];
  if (unmatched.length === 0) return '';
  const li = unmatched.map((u) => `<li><span class="mono">${escapeHtml(describeWaiverPlace(u, input.run.rootDir))}</span>: ${escapeHtml(unmatchedWaiverText(u))}</li>`);
  return `<section id="unmatched-waivers"><h2>Waivers that matched no finding</h2><ul>${li.join('')}</ul></section>`;
}

export function formatHtml(input: ReportInput): string {
  const view = viewOf(input);
  const { run } = input;
  const environments = environmentsOf(input, view);
  const layout = input.estateLayout;
  const nodeOf = (f: Finding): string => (layout ? (nodeForResource(layout, f.resource.id) ?? '') : '');
  const failing = view.findings.filter((f) => isActive(f) && meetsThreshold(f.severity, run.failOn)).length;
  const scriptHash = createHash('sha256').update(HTML_SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const gate = run.failOn === 'none' ? 'gate off' : `${failing} finding(s) at or above ${run.failOn}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TOOL_NAME} report: ${escapeHtml(run.scope)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header><h1>${TOOL_NAME} report: ${escapeHtml(run.scope)}</h1>
<div class="meta">Generated ${escapeHtml(run.generatedAt)} by ${TOOL_NAME} ${escapeHtml(run.toolVersion)} (${escapeHtml(run.engine)} engine) · ${escapeHtml(gate)}</div></header>
<main>
${summaryHtml(input, view, environments)}
${graphHtml(input, view, environments, nodeOf)}
${findingsHtml(input, view, environments, nodeOf)}
${unevaluatedHtml(view)}${unmatchedWaiversHtml(input)}
</main>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
