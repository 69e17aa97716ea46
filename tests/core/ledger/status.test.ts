import { describe, expect, it } from 'vitest';
import { parseStatus, STATUS_WORD, STATUS_WORDS, type StatusCode, statusWordsFor } from '../../../src/core/ledger/status';

const code = (raw: unknown, closedWords?: string[]): StatusCode => parseStatus(raw, closedWords).code;

describe('parseStatus', () => {
  const aliases: [StatusCode, string[]][] = [
    ['not_started', ['未开始', '未启动', '待整改', 'not started', 'todo', 'open']],
    ['in_progress', ['整改中', '进行中', '推进中', '正在整改', 'in progress', 'doing']],
    ['submitted', ['已完成', '完成', '已整改', '整改完成', '待验收', '待核查', '申请销号', 'done', 'completed', 'submitted']],
    ['closed', ['已销号', '销号', '已验收', 'closed', 'verified']],
    ['returned', ['退回', '被退回', '驳回', '未通过', 'returned', 'rejected']],
    ['paused', ['暂缓', '暂停', '缓办', 'paused', 'on hold']],
  ];
  for (const [expected, words] of aliases) {
    it.each(words)(`reads %s as ${expected}`, (word) => {
      expect(code(word)).toBe(expected);
    });
  }

  it('reads the closing words of a 销号 column the same in a status column (issue 13, case 8)', () => {
    for (const w of ['已办结', '办结', '☑', '√', '✓', '是', true, 1]) expect(code(w), String(w)).toBe('closed');
    for (const w of ['否', '×', '未销号', '未办结', '未完成', '持续整改', false, 0]) expect(code(w), String(w)).toBe('in_progress');
    expect(code('已办结（区城管局报送）')).toBe('closed');
  });

  it('ignores spaces, case and full-width letters', () => {
    expect(code('In Progress')).toBe('in_progress');
    expect(code(' ON  HOLD ')).toBe('paused');
    expect(code('NotStarted')).toBe('not_started');
    expect(code('整 改 中')).toBe('in_progress');
    expect(code('ＤＯＮＥ')).toBe('submitted');
  });

  it('reads the status before a remark in brackets', () => {
    expect(code('已完成（待验收）')).toBe('submitted');
    expect(code('退回(材料不全)')).toBe('returned');
  });

  it('keeps the unit’s "done" apart from the office’s verification by default', () => {
    expect(code('已完成')).toBe('submitted');
    expect(code('已销号')).toBe('closed');
  });

  it('lets the settings decide that 已完成 counts as closed', () => {
    expect(code('已完成', ['已销号', '已完成'])).toBe('closed');
    expect(code(' 已 完成 ', ['已完成'])).toBe('closed');
    expect(code('待验收', ['已完成'])).toBe('submitted');
  });

  it('keeps the trimmed text for messages', () => {
    expect(parseStatus('  整改中 ')).toEqual({ code: 'in_progress', text: '整改中' });
    expect(parseStatus('差不多了')).toEqual({ code: 'unknown', text: '差不多了' });
  });

  it('tells blank apart from unknown', () => {
    expect(code('')).toBe('blank');
    expect(code('   ')).toBe('blank');
    expect(code(null)).toBe('blank');
    expect(code(undefined)).toBe('blank');
    expect(code(3)).toBe('unknown');
    expect(code(new Date())).toBe('unknown');
  });
});

describe('STATUS_WORDS', () => {
  it('offers one word per status a person sets, each read back as its own code', () => {
    expect(STATUS_WORDS).toEqual(['未开始', '整改中', '待验收', '已销号', '退回', '暂缓']);
    expect(STATUS_WORDS.map((w) => code(w))).toEqual(['not_started', 'in_progress', 'submitted', 'closed', 'returned', 'paused']);
    for (const [c, word] of Object.entries(STATUS_WORD)) expect(code(word)).toBe(c);
  });

  it('adds the office’s own closed words to the drop-down', () => {
    expect(statusWordsFor()).toEqual([...STATUS_WORDS]);
    expect(statusWordsFor(['已销号', '已完成'])).toEqual([...STATUS_WORDS, '已完成']);
  });
});
