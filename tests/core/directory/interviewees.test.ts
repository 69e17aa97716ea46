/**
 * 被约谈人 (issue 14, "约谈 is decided by a person"): the unit's 党政主要领导 as the directory
 * names them, in the optional columns 党组织主要负责人 and 行政主要负责人 with their 邮箱, falling
 * back to 主要负责人 when the unit has neither.
 */
import { describe, expect, it } from 'vitest';
import { interviewees, parseUnits } from '../../../src/core/directory/units';

const HEADER = [
  '单位名称',
  '联系人',
  '联系人邮箱',
  '主要负责人',
  '主要负责人邮箱',
  '党组织主要负责人',
  '党组织主要负责人邮箱',
  '行政主要负责人',
  '行政主要负责人邮箱',
];

describe('the directory’s 党政主要领导', () => {
  it('reads 党组织主要负责人 and 行政主要负责人 with their addresses: they are the 被约谈人', () => {
    const { units, problems } = parseUnits([
      HEADER,
      [
        '市住建局',
        '王丽',
        'wl@zjj.example.org',
        '钱局长',
        'head@zjj.example.org',
        '孙书记',
        'sun@zjj.example.org',
        '钱局长',
        'qian@zjj.example.org',
      ],
    ]);
    expect(problems).toEqual([]);
    expect(interviewees(units[0]!)).toEqual([
      { name: '孙书记', address: 'sun@zjj.example.org' },
      { name: '钱局长', address: 'qian@zjj.example.org' },
    ]);
  });

  it('reads the English headers too', () => {
    const { units } = parseUnits([
      ['Unit', 'Party secretary', 'Party secretary email', 'Administrative head', 'Administrative head email'],
      ['Parks Bureau', 'Sun', 'sun@parks.example.org', 'Qian', 'qian@parks.example.org'],
    ]);
    expect(interviewees(units[0]!).map((p) => p.address)).toEqual(['sun@parks.example.org', 'qian@parks.example.org']);
  });

  it('falls back to 主要负责人 when the unit has neither', () => {
    const { units } = parseUnits([HEADER.slice(0, 5), ['市城管局', '张三', 'zs@cg.example.org', '李局长', 'li@cg.example.org']]);
    expect(interviewees(units[0]!)).toEqual([{ name: '李局长', address: 'li@cg.example.org' }]);
  });

  it('reports a bad address with its row and column and never mails it', () => {
    const { units, problems } = parseUnits([
      HEADER,
      [
        '市住建局',
        '王丽',
        'wl@zjj.example.org',
        '钱局长',
        'head@zjj.example.org',
        '孙书记',
        'sun#zjj.example.org',
        '钱局长',
        'qian@zjj.example.org',
      ],
    ]);
    expect(problems).toEqual([
      { row: 1, column: 6, message: '单位“市住建局”的“党组织主要负责人邮箱”中“sun#zjj.example.org”不是有效的邮箱地址。' },
    ]);
    expect(interviewees(units[0]!)).toEqual([{ name: '钱局长', address: 'qian@zjj.example.org' }]);
  });
});
