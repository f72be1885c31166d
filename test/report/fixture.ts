/** The fixed report input shared by the report tests (test/fixtures/report/input.json). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Inventory } from '../../src/inventory/types.js';
import type { ReportInput } from '../../src/report/types.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/report/', import.meta.url));

/** A fresh deep copy each call, so tests may modify it. */
export function loadReportInput(): ReportInput {
  return JSON.parse(readFileSync(`${FIXTURE_DIR}input.json`, 'utf8')) as ReportInput;
}

/** The small estate of test/fixtures/report/inventory.json (with a planted script in a bucket tag). */
export function loadReportInventory(): Inventory {
  return JSON.parse(readFileSync(`${FIXTURE_DIR}inventory.json`, 'utf8')) as Inventory;
}
