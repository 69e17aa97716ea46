import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/core/i18n';
import { colourName, legendNote, placeSwatches } from '../../../src/core/presentation/colour-legend';
import { DEFAULT_COLORS } from '../../../src/core/settings/settings';

const zh = translator('zh-CN');
const en = translator('en');
const SCRIPT_HEADERS = ['督办状态', '逾期天数', '督办次数', '最近督办', '督办级别', '反弹次数', '状态变更日期', '系统提示', '系统编号'];
const none = (rows: number, cols = 9): boolean[][] => Array.from({ length: rows }, () => Array<boolean>(cols).fill(false));
const blank = (): string[] => Array<string>(9).fill('');

describe('colourName', () => {
  it('names the default fills as people would', () => {
    expect(['#f4cccc', '#fff2cc', '#cfe2f3', '#d9ead3', '#fce5cd'].map((c) => colourName(c, zh))).toEqual([
      '浅红色',
      '浅黄色',
      '浅蓝色',
      '浅绿色',
      '浅橙色',
    ]);
    expect(colourName('#f4cccc', en)).toBe('light red');
  });

  it('names strong, dark and grey colours', () => {
    expect(colourName('#ff0000', zh)).toBe('红色');
    expect(colourName('#1c4587', zh)).toBe('深蓝色');
    expect(colourName('#d9d9d9', zh)).toBe('浅灰色');
    expect(colourName('#ffffff', zh)).toBe('白色');
    expect(colourName('#000000', en)).toBe('black');
  });
});

describe('legendNote', () => {
  it('lists every coloured state with its colour, and the states left unfilled', () => {
    const note = legendNote(DEFAULT_COLORS, zh);
    expect(note.split('\n')).toEqual([
      '整行底色表示督办状态（颜色在《设置》中修改）：',
      '逾期：浅红色（#f4cccc）',
      '临期：浅黄色（#fff2cc）',
      '待验收：浅蓝色（#cfe2f3）',
      '已销号：浅绿色（#d9ead3）',
      '待核实：浅橙色（#fce5cd）',
      '未到期、长期、暂缓：不上色',
    ]);
  });

  it('changes with a colour setting', () => {
    const note = legendNote({ ...DEFAULT_COLORS, overdue: '#ff0000', closed: '' }, zh);
    expect(note).toContain('逾期：红色（#ff0000）');
    expect(note).not.toContain('已销号：');
    expect(note).toContain('未到期、已销号、长期、暂缓：不上色');
  });
});

describe('placeSwatches', () => {
  it('puts one swatch per coloured state in the free row nearest the header, above Duban’s columns', () => {
    const block = [blank(), blank(), SCRIPT_HEADERS];
    const placed = placeSwatches(block, none(2), DEFAULT_COLORS, zh);
    expect(placed?.row).toBe(1);
    expect(placed?.values).toEqual(['逾期', '临期', '待验收', '已销号', '待核实', '', '', '', '']);
    expect(placed?.backgrounds.slice(0, 6)).toEqual(['#f4cccc', '#fff2cc', '#cfe2f3', '#d9ead3', '#fce5cd', null]);
  });

  it('never takes a merged cell or a cell a person wrote in, and keeps an existing legend where it is', () => {
    const merged = none(2);
    merged[1]![0] = true;
    expect(placeSwatches([blank(), blank(), SCRIPT_HEADERS], merged, DEFAULT_COLORS, zh)?.row).toBe(0);
    const typed = [blank(), ['', '', '制表：张三', '', '', '', '', '', ''], SCRIPT_HEADERS];
    expect(placeSwatches(typed, none(2), DEFAULT_COLORS, zh)?.row).toBe(0);
    const both = [['', '', '', '', '', '', '', '', '备注'], ['', '', '制表：张三', '', '', '', '', '', ''], SCRIPT_HEADERS];
    expect(placeSwatches(both, none(2), DEFAULT_COLORS, zh)).toBeUndefined();
    const earlier = [['逾期', '临期', '', '', '', '', '', '', ''], blank(), SCRIPT_HEADERS];
    expect(placeSwatches(earlier, none(2), DEFAULT_COLORS, zh)?.row).toBe(0);
  });

  it('has no room on a ledger whose header is its first row, or where Duban’s columns are too few', () => {
    expect(placeSwatches([SCRIPT_HEADERS], [], DEFAULT_COLORS, zh)).toBeUndefined();
    const short = [blank(), ['督办状态', '逾期天数', '序号', '', '', '', '', '', '']];
    expect(placeSwatches(short, none(1), DEFAULT_COLORS, zh)).toBeUndefined();
  });
});
