import { describe, expect, it } from 'vitest';
import { greetingName, matchUnit, parseUnits, splitUnits, type Unit, unitHeaders } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';

const HEADERS = unitHeaders(translator('zh-CN'));

describe('unitHeaders', () => {
  it('writes the directory headers in the workbook language', () => {
    expect(HEADERS).toEqual([
      '单位名称',
      '单位类型',
      '联系人',
      '联系人邮箱',
      '主要负责人',
      '主要负责人邮箱',
      '分管领导',
      '分管领导邮箱',
      '文明单位',
    ]);
    expect(unitHeaders(translator('en'))[0]).toBe('Unit');
  });
});

describe('parseUnits', () => {
  it('reads the directory setup writes', () => {
    const { units, problems } = parseUnits([
      HEADERS,
      ['市城管局', '市直部门', '张三', 'zhangsan@cg.example.cn', '李局长', 'li@cg.example.cn', '王副市长', 'wang@gov.example.cn', '是'],
    ]);
    expect(problems).toEqual([]);
    expect(units).toEqual([
      {
        name: '市城管局',
        kind: '市直部门',
        contact: '张三',
        contactEmail: 'zhangsan@cg.example.cn',
        head: '李局长',
        headEmail: 'li@cg.example.cn',
        leader: '王副市长',
        leaderEmail: 'wang@gov.example.cn',
        civilized: true,
        row: 1,
      },
    ]);
  });

  it('finds the header below a title and reads aliases in any order', () => {
    const { units, problems } = parseUnits([
      ['创城责任单位通讯录'],
      ['序号', '电子邮箱', '单位', '联系人', '联系电话'],
      [1, 'a@zj.example.cn', '市住建局', '赵六', '13800000000'],
    ]);
    expect(problems).toEqual([]);
    expect(units[0]).toMatchObject({ name: '市住建局', contact: '赵六', contactEmail: 'a@zj.example.cn', headEmail: '', row: 2 });
  });

  it('reads English headers', () => {
    const { units } = parseUnits([
      ['Unit', 'Contact', 'E-mail', 'Head email'],
      ['Parks Bureau', 'Li', 'li@parks.example.org', 'boss@parks.example.org'],
    ]);
    expect(units[0]).toMatchObject({ name: 'Parks Bureau', contactEmail: 'li@parks.example.org', headEmail: 'boss@parks.example.org' });
  });

  it('flags bad emails with their row and column, and keeps the good ones', () => {
    const { units, problems } = parseUnits([
      HEADERS,
      ['市城管局', '', '张三', 'zhangsan.cg.example.cn', '', 'li@cg.example.cn；deputy@cg', '', ''],
    ]);
    expect(units[0].contactEmail).toBe('');
    expect(units[0].headEmail).toBe('li@cg.example.cn');
    expect(problems).toEqual([
      { row: 1, column: 3, message: '单位“市城管局”的“联系人邮箱”中“zhangsan.cg.example.cn”不是有效的邮箱地址。' },
      { row: 1, column: 5, message: '单位“市城管局”的“主要负责人邮箱”中“deputy@cg”不是有效的邮箱地址。' },
    ]);
  });

  it('accepts several addresses and full-width @ in one cell', () => {
    const { units, problems } = parseUnits([HEADERS, ['市城管局', '', '', 'a＠cg.example.cn, b@cg.example.cn', '', '', '', '']]);
    expect(problems).toEqual([]);
    expect(units[0].contactEmail).toBe('a@cg.example.cn,b@cg.example.cn');
  });

  it('reads addresses as people write them: 姓名 <a@b.cn>, a@b.cn（张三）, upper case; the name kept for the greeting (issue 13, case 7)', () => {
    const { units, problems } = parseUnits([
      HEADERS,
      [
        '市城管局',
        '',
        '张伟',
        'ZhangWei@CG.Example.CN（张伟）',
        '李局长',
        '杨帆 <yangfan@cg.example.cn>',
        '',
        '王强 wq@cg.example.cn、lq#cg.example.cn',
      ],
    ]);
    const unit = units[0]!;
    expect([unit.contactEmail, unit.headEmail, unit.leaderEmail]).toEqual([
      'ZhangWei@cg.example.cn',
      'yangfan@cg.example.cn',
      'wq@cg.example.cn',
    ]);
    expect(greetingName(unit, 'headEmail', 'yangfan@cg.example.cn')).toBe('杨帆');
    expect(greetingName(unit, 'contactEmail', 'zhangwei@cg.example.cn')).toBe('张伟');
    expect(greetingName(unit, 'leaderEmail', 'wq@cg.example.cn')).toBe('王强');
    expect(unit.badEmails).toEqual({ leaderEmail: ['lq#cg.example.cn'] });
    expect(problems).toEqual([{ row: 1, column: 7, message: '单位“市城管局”的“分管领导邮箱”中“lq#cg.example.cn”不是有效的邮箱地址。' }]);
  });

  it('greets the person the directory names when the address has no name beside it', () => {
    const { units } = parseUnits([HEADERS, ['市城管局', '', '张伟', 'zw@cg.example.cn', '', '', '', '']]);
    expect(greetingName(units[0]!, 'contactEmail', 'zw@cg.example.cn')).toBe('张伟');
  });

  it('flags a repeated unit, keeping the first', () => {
    const { units, problems } = parseUnits([HEADERS, ['市城管局'], ['市住建局'], ['市 城管局'], []]);
    expect(units.map((u) => u.name)).toEqual(['市城管局', '市住建局']);
    expect(problems).toEqual([{ row: 3, column: 0, message: '单位“市 城管局”重复出现（第 2 行已有），这一行已忽略。' }]);
  });

  it('flags a row with content but no name', () => {
    const { units, problems } = parseUnits([HEADERS, ['', '', '张三', 'z@example.cn']]);
    expect(units).toEqual([]);
    expect(problems).toEqual([{ row: 1, column: 0, message: '这一行有内容但没有单位名称，已忽略。' }]);
  });

  it('reads 文明单位 as yes or no with the shared vocabulary, and reports a word that is neither', () => {
    const { units, problems } = parseUnits([
      ['单位', '是否文明单位'],
      ['市城管局', '是'],
      ['市住建局', '√'],
      ['市公安局', true],
      ['市水利局', '否'],
      ['市教育局', ''],
      ['市民政局', '省级'],
    ]);
    expect(units.map((u) => [u.name, u.civilized])).toEqual([
      ['市城管局', true],
      ['市住建局', true],
      ['市公安局', true],
      ['市水利局', false],
      ['市教育局', false],
      ['市民政局', false],
    ]);
    expect(problems).toEqual([
      { row: 6, column: 1, message: '单位“市民政局”的“是否文明单位”填的是“省级”，应为“是”或“否”，已按“否”处理。' },
    ]);
  });

  it('finds the 文明单位 column under its English header', () => {
    const { units } = parseUnits(
      [
        ['Unit', 'Civilized unit'],
        ['City Police', 'yes'],
      ],
      'en',
    );
    expect(units[0]?.civilized).toBe(true);
  });

  it('reports a directory with no name column', () => {
    const { units, problems } = parseUnits([['联系人', '邮箱']], 'en');
    expect(units).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('"Unit"');
  });
});

function unit(name: string): Unit {
  return { name, kind: '', contact: '', contactEmail: '', head: '', headEmail: '', leader: '', leaderEmail: '', civilized: false, row: 1 };
}

describe('matchUnit', () => {
  const units = [unit('市城管局'), unit('市住建局（市人防办）'), unit('XX区人民政府')];

  it('matches regardless of spaces, full-width space and width', () => {
    expect(matchUnit('市城管局', units)?.name).toBe('市城管局');
    expect(matchUnit(' 市　城管局 ', units)?.name).toBe('市城管局');
    expect(matchUnit('ＸＸ区人民政府', units)?.name).toBe('XX区人民政府');
    expect(matchUnit('xx区 人民政府', units)?.name).toBe('XX区人民政府');
  });

  it('matches with or without a bracketed note when nothing matches exactly', () => {
    expect(matchUnit('市住建局', units)?.name).toBe('市住建局（市人防办）');
    expect(matchUnit('市城管局(市执法局)', units)?.name).toBe('市城管局');
  });

  it('sees a unit added to the directory after an earlier match', () => {
    const list = [unit('市城管局')];
    expect(matchUnit('市公安局', list)).toBeUndefined();
    list.push(unit('市公安局'));
    expect(matchUnit('市公安局', list)?.name).toBe('市公安局');
  });

  it('finds nothing for an unknown or empty name', () => {
    expect(matchUnit('市公安局', units)).toBeUndefined();
    expect(matchUnit('', units)).toBeUndefined();
  });
});

describe('splitUnits', () => {
  it('splits on the separators people use, lead unit first', () => {
    expect(splitUnits('市城管局、市住建局')).toEqual(['市城管局', '市住建局']);
    expect(splitUnits('市城管局，市住建局;市交警支队；市公安局/市商务局\n市文明办')).toEqual([
      '市城管局',
      '市住建局',
      '市交警支队',
      '市公安局',
      '市商务局',
      '市文明办',
    ]);
  });

  it('drops role labels, blanks and repeats, and keeps spaces inside names', () => {
    expect(splitUnits('牵头单位：市城管局；配合单位：市住建局、、市城管局')).toEqual(['市城管局', '市住建局']);
    expect(splitUnits('Parks Bureau, Police')).toEqual(['Parks Bureau', 'Police']);
    expect(splitUnits('')).toEqual([]);
    expect(splitUnits(null)).toEqual([]);
  });
});
