/** The fixed report input shared by the report tests (test/fixtures/report/input.json). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReportInput } from '../../src/report/types.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/report/', import.meta.url));

/** A fresh deep copy each call, so tests may modify it. */
export function loadReportInput(): ReportInput {
  return JSON.parse(readFileSync(`${FIXTURE_DIR}input.json`, 'utf8')) as ReportInput;
}
