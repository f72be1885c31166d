import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeHtml, formatHtml, prepareHtml, renderHtml } from '../../src/report/html.js';
import { HTML_SCRIPT } from '../../src/report/html-assets.js';
import { MAX_GRAPH_NODES, buildEstateGraph, layoutEstate, nodeForResource } from '../../src/report/html-graph.js';
import { FIXTURE_DIR, loadReportInput, loadReportInventory } from './fixture.js';

/** Golden file of the report with the estate graph; rewrite with UPDATE_GOLDEN=1 (see golden.test.ts). */
const ESTATE_GOLDEN = `${FIXTURE_DIR}golden-estate.html`;

async function estateReport(): Promise<string> {
  const input = loadReportInput();
  input.inventory = loadReportInventory();
  return renderHtml(input);
}

describe('HTML report', () => {
  it('matches its golden file, graph included, and is the same on every run', async () => {
    const html = await estateReport();
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(ESTATE_GOLDEN, html);
    expect(html).toBe(readFileSync(ESTATE_GOLDEN, 'utf8'));
    expect(await estateReport()).toBe(html);
  });

  it('shows a planted <script> in a bucket tag as text', async () => {
    const html = await estateReport();
    expect(html).toContain('tag Owner=&#60;script&#62;window.__planted = true&#60;/script&#62;');
    expect(html).not.toContain('<script>window.__planted');
    expect(html.match(/<script/g)).toHaveLength(1);
    // and markup in names stays text too
    expect(html).toContain('Acme Voice &#60;b&#62;UAT&#60;/b&#62;');
    expect(html).not.toContain('<b>UAT');
  });

  it('fetches nothing: no external URL, and a CSP that allows only its own script', async () => {
    const html = await estateReport();
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    const hash = createHash('sha256').update(HTML_SCRIPT).digest('base64');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}';`);
    expect(html).toContain(`<script>${HTML_SCRIPT}</script>`);
  });

  it('links graph nodes with findings to their first finding row', async () => {
    const html = await estateReport();
    const account = /<a class="node kind-account has-findings" href="#finding-(\d+)" data-node="111111111111"/.exec(html);
    expect(account).not.toBeNull();
    expect(html).toContain(`<tr id="finding-${account![1]}" data-order="${account![1]}" data-rank="4" data-severity="critical"`);
    // the waived finding does not mark its bucket
    expect(html).toMatch(/<a class="node kind-bucket" href="#findings" data-node="arn:aws:s3:::legacy-recordings"/);
  });

  it('summarizes active findings by severity and environment', async () => {
    const html = await estateReport();
    expect(html).toMatch(/<tr><th scope="row">prod <span class="meta">\(production\)<\/span><\/th><td class="num">1<\/td><td class="num">2<\/td>(<td class="num">0<\/td>){3}<td class="num">3<\/td><\/tr>/);
  });

  it('says there is no graph without an inventory, and refuses an inventory without its layout', () => {
    expect(formatHtml(loadReportInput())).toContain('No inventory was passed to the report');
    const input = loadReportInput();
    input.inventory = loadReportInventory();
    expect(() => formatHtml(input)).toThrow(/estate layout is missing/);
  });

  it('escapes all five HTML special characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });
});

describe('estate graph', () => {
  it('links orgs → contact centers → instances → accounts → buckets and streams', () => {
    const graph = buildEstateGraph(loadReportInventory());
    const edges = [...graph.edges.values()].map((e) => `${e.kind}:${e.source}>${e.target}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        'contact-center:00D000000000001AAA>0VR000000000001AAA',
        'connect-instance:0VR000000000002AAA>arn:aws:connect:us-east-1:111111111111:instance/0aa1',
        'runs-in:arn:aws:connect:us-east-1:111111111111:instance/0aa1>111111111111',
        'owns:111111111111>arn:aws:s3:::acme-prod-recordings',
        'stores:arn:aws:connect:us-east-1:111111111111:instance/0aa1>arn:aws:s3:::acme-prod-recordings',
        'stores:arn:aws:connect:us-east-1:111111111111:instance/0aa1>arn:aws:kinesis:us-east-1:111111111111:stream/acme-ctr',
      ]),
    );
    expect(graph.nodes.size).toBe(10);
  });

  it('shows a placeholder account and instance (pre-deploy files, deployment target not known) as not known, never by their stand-in ids', () => {
    const inventory = loadReportInventory();
    inventory.aws.accounts.push({
      ...inventory.aws.accounts[0]!, id: '000000000000', name: 'account not known before deployment', known: false, s3Buckets: [], kinesisStreams: [],
      connectInstances: [{ ...inventory.aws.accounts[0]!.connectInstances[0]!, id: 'flow-export-uat', arn: 'arn:aws:connect:::instance/flow-export-uat', alias: null, known: false, storage: [] }],
    });
    const graph = buildEstateGraph(inventory);
    const shown = JSON.stringify([graph.nodes.get('000000000000'), graph.nodes.get('arn:aws:connect:::instance/flow-export-uat')].map((n) => [n!.name, n!.details]));
    expect(shown).toContain('instance not known before deployment');
    expect(shown).not.toMatch(/000000000000|flow-export-/);
  });

  it('adds storage targets outside the inventory as external nodes', () => {
    const inventory = loadReportInventory();
    inventory.aws.accounts[0]!.connectInstances[0]!.storage[0]!.s3!.bucket = 'shared-elsewhere';
    const node = buildEstateGraph(inventory).nodes.get('arn:aws:s3:::shared-elsewhere');
    expect(node).toMatchObject({ kind: 'bucket', external: true });
  });

  it('places every node and routes every edge', async () => {
    const layout = await layoutEstate(loadReportInventory());
    expect(layout.nodes).toHaveLength(10);
    expect(new Set(layout.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(10);
    for (const edge of layout.edges) expect(edge.points.length).toBeGreaterThanOrEqual(2);
    expect(layout.width).toBeGreaterThan(0);
  });

  it('finds the node of a resource, its instance or its account', async () => {
    const layout = await layoutEstate(loadReportInventory());
    expect(nodeForResource(layout, 'arn:aws:s3:::acme-prod-recordings')).toBe('arn:aws:s3:::acme-prod-recordings');
    expect(nodeForResource(layout, 'arn:aws:connect:us-east-1:111111111111:instance/0aa1/contact-flow/f-main')).toBe(
      'arn:aws:connect:us-east-1:111111111111:instance/0aa1',
    );
    expect(nodeForResource(layout, 'arn:aws:iam::222222222222:role/SCVRole')).toBe('222222222222');
    expect(nodeForResource(layout, 'arn:aws:iam::999999999999:role/Other')).toBeUndefined();
  });

  it('leaves the graph out of a very large estate and says why', async () => {
    const inventory = loadReportInventory();
    const template = inventory.aws.accounts[1]!;
    inventory.aws.accounts = Array.from({ length: MAX_GRAPH_NODES + 1 }, (_, i) => ({ ...template, id: String(i).padStart(12, '0'), s3Buckets: [] }));
    const input = await prepareHtml({ ...loadReportInput(), inventory });
    expect(input.estateLayout?.omitted).toMatch(/more than the graph shows/);
    expect(formatHtml(input)).toContain('more than the graph shows');
  });
});
