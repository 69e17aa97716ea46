/**
 * Local runs keep the bound script's properties (the web app's secret, each link's generation)
 * between runs, as Google keeps them with the script: in <workbook>.script-properties.json beside
 * the workbook each run writes. So the link a `sweep --webapp-url` put in a 整改通知 opens the
 * unit's page in a later `serve` of the workbook that sweep wrote (through the CLI, as a person runs them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { exportXlsx } from '../../runtime/xlsx';
import { openServe, parseArgs } from '../../scripts/local';
import { shDate, sheetFrom, workbookOf } from './harness';

const root = resolve(__dirname, '../..');

function local(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/local.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

describe('npm run local: the script properties go with the workbook', () => {
  it("a sweep's 整改通知 link opens the unit's page in a later serve of the written workbook", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-props-'));
    const input = join(dir, 'office.xlsx');
    await exportXlsx(
      workbookOf([
        sheetFrom('任务台账', [
          ['序号', '问题描述', '点位', '责任单位', '整改时限', '整改状态'],
          [1, '背街小巷垃圾堆积', '人民路', '市城管局', shDate(2026, 11, 20), '整改中'],
        ]),
        sheetFrom('责任单位', [
          ['单位名称', '联系人', '联系人邮箱'],
          ['市城管局', '张伟', 'cgj@example.org'],
        ]),
      ]),
      input,
    );
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/exec`;
    const swept = local('sweep', '--workbook', input, '--now', '2026-11-25T09:00', '--out', join(dir, 'a'), '--webapp-url', url);
    expect(swept.stderr).toBe('');
    expect(swept.status).toBe(0);
    expect(existsSync(join(dir, 'a', 'office.xlsx.script-properties.json'))).toBe(true);
    const eml = readdirSync(join(dir, 'a', 'outbox')).find((f) =>
      readFileSync(join(dir, 'a', 'outbox', f), 'utf8').includes('cgj@example.org'),
    );
    const parsed = await simpleParser(readFileSync(join(dir, 'a', 'outbox', eml!)));
    const link = /在线报送整改情况：(\S+)/.exec(parsed.text ?? '')?.[1];
    expect(link).toMatch(new RegExp(`^${url.replace(/[.?]/g, '\\$&')}\\?t=v1\\.`));

    const opts = parseArgs(['serve', '--workbook', join(dir, 'a', 'office.xlsx'), '--now', '2026-11-25T10:00', '--out', join(dir, 'b')]);
    const serving = await openServe({ ...opts, port });
    try {
      expect(serving.url).toBe(url);
      const html = await (await fetch(link!)).text();
      expect(html).toContain('<title>市城管局 · 整改情况报送</title>');
      expect(html).toContain('背街小巷垃圾堆积');
    } finally {
      await serving.close();
    }
    // serve keeps them beside the workbook it writes, for the next run.
    expect(JSON.parse(readFileSync(join(dir, 'b', 'office.xlsx.script-properties.json'), 'utf8'))).toEqual(
      JSON.parse(readFileSync(join(dir, 'a', 'office.xlsx.script-properties.json'), 'utf8')),
    );
  }, 60_000);
});
