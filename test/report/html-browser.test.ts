/**
 * Renders the HTML report in headless Chromium (Debian package `chromium`, driven by
 * playwright-core): no network requests, the planted script does not run, graph and table are
 * there, and filtering by severity or by a graph node changes the visible rows; the same for the
 * report of the demo estate (fixtures/demo), scanned with the built-in policies.
 * Skips, saying why, where /usr/bin/chromium is not installed (`apt-get install -y chromium`).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { runScan } from '../../src/scan/run.js';
import { loadReportInput, loadReportInventory } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const DEMO_INVENTORY = fileURLToPath(new URL('../../fixtures/demo/inventory.json', import.meta.url));
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium)(
  `HTML report in headless Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} not found; install it with apt-get install -y chromium)`}`,
  () => {
    let dir = '';
    let context: BrowserContext;
    let page: Page;
    const requests: string[] = [];
    const problems: string[] = [];

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'scv-html-'));
      const input = loadReportInput();
      input.inventory = loadReportInventory();
      const file = path.join(dir, 'scv-guard.html');
      await writeFile(file, await renderHtml(input));
      context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        viewport: { width: 1400, height: 1000 },
      });
      page = await context.newPage();
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(pathToFileURL(file).href);
    });

    afterAll(async () => {
      await context?.close();
      await rm(dir, { recursive: true, force: true });
    });

    const visibleRows = (): Promise<number> => page.locator('#findings-table tbody tr:visible').count();

    it('loads nothing but the file itself and runs its script without errors (CSP allows it)', async () => {
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
      expect(problems).toEqual([]);
      expect(await page.locator('#visible-count').textContent()).toBe('5');
    });

    it('shows the planted script in a bucket tag as text and never runs it', async () => {
      expect(await page.evaluate(() => (globalThis as unknown as { __planted?: boolean }).__planted)).toBeUndefined();
      const bucket = page.locator('svg .node[data-node="arn:aws:s3:::acme-prod-recordings"] title');
      expect(await bucket.textContent()).toContain('tag Owner=<script>window.__planted = true</script>');
      expect(await page.locator('script').count()).toBe(1);
    });

    it('draws the estate graph and the findings table, and takes a screenshot', async () => {
      expect(await page.locator('#estate-graph .node').count()).toBe(10); // 2 orgs, 2 contact centers, 1 instance, 2 accounts, 2 buckets, 1 stream
      expect(await page.locator('#estate-graph .node.has-findings').count()).toBe(3);
      expect(await page.locator('#estate-graph path.edge').count()).toBeGreaterThan(5);
      expect(await visibleRows()).toBe(5);
      const shot = path.join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect((await stat(shot)).size).toBeGreaterThan(10_000);
      if (process.env.HTML_SCREENSHOT) await page.screenshot({ path: process.env.HTML_SCREENSHOT, fullPage: true });
    });

    it('filters rows by severity, environment and graph node', async () => {
      await page.selectOption('#filter-severity', 'critical');
      expect(await visibleRows()).toBe(1);
      expect(await page.locator('#findings-table tbody tr:visible').getAttribute('data-rule')).toBe('SCV-ACCT-001');
      await page.selectOption('#filter-severity', 'high');
      expect(await visibleRows()).toBe(4);
      await page.uncheck('#filter-inactive');
      expect(await visibleRows()).toBe(3); // the waived one is hidden
      await page.check('#filter-inactive');
      await page.selectOption('#filter-severity', '');
      await page.selectOption('#filter-environment', 'uat');
      expect(await visibleRows()).toBe(2);
      await page.selectOption('#filter-environment', '');

      await page.locator('svg .node[data-node="arn:aws:connect:us-east-1:111111111111:instance/0aa1"]').click();
      expect(await visibleRows()).toBe(1); // the flow finding belongs to its instance
      expect(await page.locator('#filter-resource-name').textContent()).toBe('acme-prod');
      await page.click('#filter-resource-clear');
      expect(await visibleRows()).toBe(5);
    });

    it('renders the demo estate report with its graph, and filters it by severity', async () => {
      const scan = await runScan({
        inventoryFiles: [DEMO_INVENTORY],
        formats: [],
        outputDir: path.join(dir, 'unused'),
        failOn: 'none',
        now: new Date('2026-11-20T08:30:00Z'),
      });
      const { findings, catalog, results, run, inventory } = scan;
      const file = path.join(dir, 'demo.html');
      await writeFile(file, await renderHtml({ findings, catalog, results, run, inventory }));
      const demo = await context.newPage();
      const demoProblems: string[] = [];
      demo.on('pageerror', (e) => demoProblems.push(e.message));
      await demo.goto(pathToFileURL(file).href);
      expect(demoProblems).toEqual([]);
      const orgs = inventory.salesforce.orgs.length;
      expect(await demo.locator('#estate-graph .node.kind-org').count()).toBe(orgs);
      expect(await demo.locator('#estate-graph .node.has-findings').count()).toBeGreaterThan(0);
      const rows = (): Promise<number> => demo.locator('#findings-table tbody tr:visible').count();
      expect(await rows()).toBe(findings.length);
      const critical = findings.filter((f) => f.severity === 'critical').length;
      expect(critical).toBeGreaterThan(0);
      expect(critical).toBeLessThan(findings.length);
      await demo.selectOption('#filter-severity', 'critical');
      expect(await rows()).toBe(critical);
      const shot = path.join(dir, 'demo.png');
      await demo.screenshot({ path: shot, fullPage: true });
      expect((await stat(shot)).size).toBeGreaterThan(10_000);
      await demo.close();
    });

    it('sorts by a column when its header is clicked', async () => {
      const rules = (): Promise<(string | null)[]> =>
        page.locator('#findings-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rule')));
      await page.click('th[data-sort="rule"] button');
      expect(await rules()).toEqual(['SCV-ACCT-001', 'SCV-DATA-001', 'SCV-DATA-001', 'SCV-DATA-001', 'SCV-FLOW-001']);
      await page.click('th[data-sort="rule"] button');
      expect((await rules())[0]).toBe('SCV-FLOW-001');
      expect(await page.getAttribute('th[data-sort="rule"]', 'aria-sort')).toBe('descending');
    });
  },
);
