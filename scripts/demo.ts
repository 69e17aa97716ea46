/**
 * npm run demo: the first thing a newcomer runs. Sets up and sweeps the sample ledger that
 * ships with the project, through the real bundle in the local runtime, and says where the
 * results are.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { LocalRuntime } from '../runtime/index';
import { bundleCode, loadWorkbook, runJobOn, writeOutputs } from './local';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE = join(root, 'samples', '创城台账示例.xlsx');
/** The sample's "today": its deadlines are spread around this day. */
export const SAMPLE_NOW = '2026-11-25T09:00:00';

async function main(): Promise<void> {
  const timeZone = 'Asia/Shanghai';
  const now = DateTime.fromISO(SAMPLE_NOW, { zone: timeZone }).toJSDate();
  const out = join(root, 'out', 'demo');
  mkdirSync(out, { recursive: true });
  const workbook = await loadWorkbook(SAMPLE, timeZone);
  const runtime = new LocalRuntime({ workbook, now, scriptTimeZone: timeZone });
  runtime.load(await bundleCode(), 'Code.js');
  // A newcomer's first run: set the sheet up, then the daily sweep, on the same workbook.
  const setup = runJobOn(runtime, 'setup');
  console.log(`setup: ${setup.value.message ?? ''}`);
  const mailsBefore = runtime.outbox.length;
  const ran = runJobOn(runtime, 'sweep');
  const report = await writeOutputs(runtime, { job: 'sweep', workbook: SAMPLE, now, out, timeZone }, ran, mailsBefore);
  console.log(`sweep: ${report.message}`);
  for (const w of report.warnings) console.log(`  ! ${w}`);
  console.log('');
  console.log(`The swept ledger (open it in Excel, WPS or LibreOffice): ${report.outputs.workbook}`);
  console.log(`Mail sent:                                             ${report.outputs.outbox} (${report.mails.length})`);
  console.log(`What the job did, service calls included:              ${report.outputs.runJson}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
