/**
 * Style and script embedded in the HTML report. The script only reads the page (data-*
 * attributes on table rows and graph nodes); it never builds HTML from strings, so values from
 * the estate cannot become markup. The page's Content-Security-Policy allows exactly this script
 * (by hash) and nothing from the network.
 */

export const HTML_STYLE = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
  --critical: #8b0000; --high: #d1242f; --medium: #bc4c00; --low: #9a6700; --info: #59636e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main { padding: 0 24px; }
header { border-bottom: 1px solid var(--line); background: var(--panel); padding-top: 12px; padding-bottom: 12px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
.meta { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 96px; background: var(--bg); }
.card .n { font-size: 22px; font-weight: 600; display: block; }
.sev { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); }
.sev-low { background: var(--low); } .sev-info { background: var(--info); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); white-space: nowrap; }
td.num, th.num { text-align: right; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; } th[aria-sort="descending"] button::after { content: " \\25BC"; }
tr.inactive td { color: var(--muted); } tr.inactive .msg { text-decoration: line-through; }
tr:target td { background: #fff8c5; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; word-break: break-all; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 8px 0; }
.filters label { display: inline-flex; gap: 4px; align-items: center; }
.graph { overflow: auto; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); max-height: 80vh; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; margin: 6px 0; color: var(--muted); }
.swatch { display: inline-block; width: 12px; height: 12px; border: 1px solid #8c959f; margin-right: 4px; vertical-align: -1px; }
svg .node rect { stroke: #8c959f; stroke-width: 1; }
svg .node.external rect { stroke-dasharray: 4 3; }
svg .node.has-findings rect { stroke: var(--high); stroke-width: 3; }
svg .node.selected rect { stroke: #0969da; stroke-width: 4; }
svg .node text { font: 12px system-ui, sans-serif; fill: var(--fg); }
svg .node text.kind { fill: var(--muted); font-size: 11px; }
svg .node .badge { fill: var(--high); } svg .node text.badge-n { fill: #fff; font-weight: 700; }
svg .node:hover rect { filter: brightness(0.95); }
svg .edge { fill: none; stroke: #8c959f; stroke-width: 1.2; }
svg .edge-stores { stroke: #0969da; }
svg .arrow { fill: #8c959f; }
`;

export const HTML_SCRIPT = `
(function () {
  'use strict';
  var table = document.getElementById('findings-table');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var severity = document.getElementById('filter-severity');
  var environment = document.getElementById('filter-environment');
  var text = document.getElementById('filter-text');
  var showInactive = document.getElementById('filter-inactive');
  var resourceBox = document.getElementById('filter-resource');
  var resourceName = document.getElementById('filter-resource-name');
  var clearResource = document.getElementById('filter-resource-clear');
  var count = document.getElementById('visible-count');
  var resource = '';

  function apply() {
    var sev = severity.value, env = environment.value, needle = text.value.trim().toLowerCase();
    var visible = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var show = (sev === '' || d.severity === sev) &&
        (env === '' || d.environment === env) &&
        (resource === '' || d.node === resource) &&
        (showInactive.checked || d.active === 'true') &&
        (needle === '' || row.textContent.toLowerCase().indexOf(needle) !== -1);
      row.hidden = !show;
      if (show) visible += 1;
    });
    count.textContent = String(visible);
    resourceBox.hidden = resource === '';
    document.querySelectorAll('svg .node').forEach(function (node) {
      node.classList.toggle('selected', resource !== '' && node.getAttribute('data-node') === resource);
    });
  }

  var sortKey = 'rank', sortDir = -1;
  function sortBy(key, th) {
    if (sortKey === key) { sortDir = -sortDir; } else { sortKey = key; sortDir = key === 'rank' ? -1 : 1; }
    table.querySelectorAll('th[data-sort]').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', sortDir === 1 ? 'ascending' : 'descending');
    rows.sort(function (a, b) {
      var x = a.dataset[key] || '', y = b.dataset[key] || '';
      var c = key === 'rank' ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
      return c * sortDir || Number(a.dataset.order) - Number(b.dataset.order);
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  table.querySelectorAll('th[data-sort] button').forEach(function (button) {
    button.addEventListener('click', function () { var th = button.parentElement; sortBy(th.getAttribute('data-sort'), th); });
  });
  [severity, environment, showInactive].forEach(function (el) { el.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  clearResource.addEventListener('click', function () { resource = ''; apply(); });
  document.querySelectorAll('svg .node').forEach(function (node) {
    node.addEventListener('click', function (event) {
      event.preventDefault();
      resource = node.getAttribute('data-node') || '';
      resourceName.textContent = node.getAttribute('data-name') || resource;
      apply();
      table.scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
  });
  apply();
})();
`;
