/** A scan of an inventory held in memory, writing every report format, as tests of what reports show run it. */
import type { Inventory } from '../../src/inventory/types.js';
import { REPORT_FORMATS } from '../../src/report/types.js';
import { runScan, type ScanResult } from '../../src/scan/run.js';

/** Scans `inventory` (named `file` in locations) into `outputDir`, never failing the gate, at a fixed time. */
export function scanInMemory(inventory: Inventory, outputDir: string, file = 'inventory.json'): Promise<ScanResult> {
  return runScan({
    inventoryFiles: [],
    extraInventories: [{ file, inventory }],
    formats: [...REPORT_FORMATS],
    outputDir,
    failOn: 'none',
    now: new Date('2026-01-15T12:00:00Z'),
  });
}
