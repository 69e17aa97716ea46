import { describe, expect, it } from 'vitest';
import { type KeyValueHeader, readKeyValueSheet } from '../../../src/core/settings/key-value-sheet';

const HEADER: KeyValueHeader = { key: 'setting.col.key', value: 'setting.col.value', help: 'setting.col.help' };
const KEYS: Record<string, string> = { 管理员邮箱: 'adminEmail', 试运行: 'dryRun' };
const keyOf = (text: string): string | undefined => KEYS[text];

describe('readKeyValueSheet', () => {
  it('finds the key and value columns by the header row, even below a title and with the columns swapped', () => {
    const sheet = readKeyValueSheet([['督办设置'], ['说明', '值', '设置项'], ['', 'admin@example.org', '管理员邮箱']], HEADER, keyOf);
    expect(sheet.keyColumn).toBe(2);
    expect(sheet.valueColumn).toBe(1);
    expect(sheet.lines).toEqual([{ kind: 'entry', key: 'adminEmail', label: '管理员邮箱', row: 2, raw: 'admin@example.org' }]);
  });

  it('reads the first column as keys and the second as values when there is no header', () => {
    const sheet = readKeyValueSheet([['试运行', '是']], HEADER, keyOf);
    expect(sheet.lines).toEqual([{ kind: 'entry', key: 'dryRun', label: '试运行', row: 0, raw: '是' }]);
  });

  it('takes the column after the key for the value when the header names only the key', () => {
    const sheet = readKeyValueSheet(
      [
        ['', 'Setting'],
        ['', '试运行', '否'],
      ],
      HEADER,
      keyOf,
    );
    expect([sheet.keyColumn, sheet.valueColumn]).toEqual([1, 2]);
    expect(sheet.lines).toEqual([{ kind: 'entry', key: 'dryRun', label: '试运行', row: 1, raw: '否' }]);
  });

  it('keeps the first row of a key and reports a repeat and an unknown key at their rows, skipping blank keys', () => {
    const sheet = readKeyValueSheet(
      [
        ['设置项', '值'],
        ['试运行', '是'],
        ['', 'x'],
        ['每日提醒', '1'],
        ['试运行', '否'],
      ],
      HEADER,
      keyOf,
    );
    expect(sheet.lines).toEqual([
      { kind: 'entry', key: 'dryRun', label: '试运行', row: 1, raw: '是' },
      { kind: 'unknown', label: '每日提醒', row: 3 },
      { kind: 'duplicate', label: '试运行', row: 4 },
    ]);
  });
});
