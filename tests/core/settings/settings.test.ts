import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/core/i18n';
import {
  DEFAULT_SETTINGS,
  defaultSettings,
  isFormerLabel,
  parseSettings,
  SETTING_KEYS,
  settingCell,
  settingLabel,
  settingRows,
  unfilledOfficeSettings,
} from '../../../src/core/settings/settings';

describe('settingRows', () => {
  it('writes a header and one translated row per setting, with its default and an explanation', () => {
    const rows = settingRows(translator('zh-CN'), 'zh-CN');
    expect(rows[0]).toEqual(['设置项', '值', '说明']);
    expect(rows).toHaveLength(SETTING_KEYS.length + 1);
    for (const row of rows) {
      expect(row).toHaveLength(3);
      expect(row[0]).not.toBe('');
      expect(row[2]).not.toMatch(/^setting\./);
    }
    expect(rows).toContainEqual([
      '任务表名称',
      '任务台账',
      '任务台账所在工作表的名称。没有这个名称的表时，按表头找出台账（须有任务、责任单位、整改时限三列），“初始化 / 修复台账”把它的名称记在这里；工作簿中还没有任何内容时，按这个名称新建一张。',
    ]);
    expect(rows.find((r) => r[0] === '天数计算方式')?.[1]).toBe('工作日');
    expect(rows.find((r) => r[0] === '逾期颜色')?.[1]).toBe('#f4cccc');
    expect(rows.find((r) => r[0] === '长期任务颜色')?.[1]).toBe('无');
    expect(rows.find((r) => r[0] === '试运行')?.[1]).toBe('否');
  });

  it('writes English labels and defaults for an English workbook', () => {
    const rows = settingRows(translator('en'), 'en');
    expect(rows[0]).toEqual(['Setting', 'Value', 'Explanation']);
    expect(rows.find((r) => r[0] === 'Task sheet name')?.slice(0, 2)).toEqual(['Task sheet name', 'Tasks']);
    expect(rows.find((r) => r[0] === 'Task sheet name')?.[2]).toMatch(/^The name of the sheet holding the task ledger\./);
    expect(rows.find((r) => r[0] === 'Count days as')?.[1]).toBe('working days');
  });

  it('explains each setting by what it does', () => {
    const help = (locale: 'zh-CN' | 'en', label: string): string =>
      settingRows(translator(locale), locale).find((r) => r[0] === label)![2]!;
    // A dry run sends everything to the admin: it must not say that no mail at all is sent.
    expect(help('zh-CN', '试运行')).toContain('全部只发到管理员邮箱');
    expect(help('zh-CN', '试运行')).not.toMatch(/只记录、不发送邮件/);
    expect(help('en', 'Dry run')).toContain('go to the admin only');
    // The ladder's settings say what each step does.
    expect(help('zh-CN', '整改通知限期（工作日）')).toContain('第一次整改通知');
    expect(help('zh-CN', '整改通知限期（工作日）')).toContain('限期后第一个工作日再发下一次');
    // Issue 14: the thresholds count notices not met, and a 约谈 waits for a person.
    expect(help('zh-CN', '通报批评（未达要求次数）')).toContain('向全市各单位发通报');
    expect(help('zh-CN', '约谈（未达要求次数）')).toContain('由人审批同意');
    expect(help('zh-CN', '失败次数计算')).toContain('按单位');
    for (const label of ['整改通知限期（工作日）', '通报批评（未达要求次数）', '约谈（未达要求次数）'])
      expect(help('zh-CN', label)).not.toContain('目前不起作用');
    // The daily check hour is what the trigger is installed at, and says so.
    expect(help('zh-CN', '每日检查时间')).toContain('开启每日自动检查');
    expect(help('zh-CN', '管理员邮箱')).toContain('每日督办小结');
    expect(help('zh-CN', '节假日照常发送')).toContain('顺延到下一个工作日');
  });

  it('reads back exactly the defaults it wrote, in either language', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { settings, problems } = parseSettings(settingRows(translator(locale), locale));
      expect(problems).toEqual([]);
      expect(settings).toEqual(defaultSettings(locale));
    }
  });
});

describe('parseSettings', () => {
  it('gives the defaults for an empty sheet', () => {
    expect(parseSettings([])).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(DEFAULT_SETTINGS).toMatchObject({
      locale: 'zh-CN',
      taskSheet: '任务台账',
      dueSoonDays: 3,
      countDays: 'working',
      closedStatuses: ['已销号'],
      colors: { overdue: '#f4cccc', dueSoon: '#fff2cc', closed: '#d9ead3', pending: '#cfe2f3', invalid: '#fce5cd', noDeadline: '' },
      criticismAfterNotices: 2,
      interviewAfterNotices: 3,
    });
  });

  it('reads 失败次数计算 as 按任务 or 按单位, and the former threshold rows as the new ones (issue 14)', () => {
    const { settings, problems } = parseSettings([
      ['设置项', '值', '说明'],
      ['失败次数计算', '按单位', ''],
      ['约谈督办次数', '4', ''],
    ]);
    expect(problems).toEqual([]);
    expect(settings.failureCounting).toBe('unit');
    expect(settings.interviewAfterNotices).toBe(4);
    const bad = parseSettings([
      ['设置项', '值', '说明'],
      ['失败次数计算', '按人', ''],
    ]);
    expect(bad.settings.failureCounting).toBe('task');
    expect(bad.problems.map((p) => p.message).join()).toContain('按任务 / 按单位');
  });

  it('reads values as people type them', () => {
    const { settings, problems } = parseSettings([
      ['设置项', '值', '说明'],
      ['任务表名称', ' 2024年整改台账 ', ''],
      ['临期提醒天数', '５天', ''],
      ['天数计算方式', '自然日', ''],
      ['视为已销号的状态', '已销号、已完成，办结', ''],
      ['逾期颜色', '#FF0000', ''],
      ['临期颜色', '#fc0', ''],
      ['已销号颜色', '无', ''],
      ['管理员邮箱', 'chuangcheng@example.cn', ''],
      ['督办间隔天数', 3, ''],
      ['试运行', true, ''],
    ]);
    expect(problems).toEqual([]);
    expect(settings.taskSheet).toBe('2024年整改台账');
    expect(settings.dueSoonDays).toBe(5);
    expect(settings.countDays).toBe('calendar');
    expect(settings.closedStatuses).toEqual(['已销号', '已完成', '办结']);
    expect(settings.colors.overdue).toBe('#ff0000');
    expect(settings.colors.dueSoon).toBe('#ffcc00');
    expect(settings.colors.closed).toBe('');
    expect(settings.adminEmail).toBe('chuangcheng@example.cn');
    // A sheet written before issue 14: its 督办间隔天数 row is read as 整改通知限期（工作日）, value kept.
    expect(settings.noticeReplyDays).toBe(3);
    expect(settings.dryRun).toBe(true);
  });

  it('recognises English labels, code names and full-width or spaced labels', () => {
    const { settings, problems } = parseSettings([
      ['Due-soon days', 2],
      ['countDays', 'calendar days'],
      ['任务表 名称', 'Ledger'],
      ['Closed colour', '#eeeeee'],
    ]);
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({ dueSoonDays: 2, countDays: 'calendar', taskSheet: 'Ledger' });
    expect(settings.colors.closed).toBe('#eeeeee');
  });

  it('switches defaults and messages to English when the language setting says so', () => {
    const { settings, problems } = parseSettings([
      ['Language', 'English'],
      ['Overdue colour', 'red'],
    ]);
    expect(settings.locale).toBe('en');
    expect(settings.taskSheet).toBe('Tasks');
    expect(settings.colors.overdue).toBe('#f4cccc');
    expect(problems).toEqual([
      {
        row: 1,
        column: 1,
        message: '"Overdue colour" must be a colour as #rrggbb (e.g. #f4cccc) or "none", not "red"; using the default #f4cccc.',
      },
    ]);
  });

  it('reports bad values where they are and falls back to the defaults', () => {
    const { settings, problems } = parseSettings([
      ['设置项', '值', '说明'],
      ['临期提醒天数', -2, ''],
      ['逾期颜色', '浅红', ''],
      ['天数计算方式', '按月', ''],
      ['管理员邮箱', 'admin#example.cn', ''],
      ['试运行', '也许', ''],
      ['每日检查时间', 25, ''],
      ['督办间隔天数', 1.5, ''],
    ]);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 1],
      [6, 1],
      [7, 1],
    ]);
    expect(problems[0].message).toBe('“临期提醒天数”应为不小于 0 的整数，填的是“-2”，已使用默认值 3。');
    expect(problems[1].message).toContain('#f4cccc');
    expect(problems[2].message).toContain('工作日 / 自然日');
    expect(problems[3].message).toContain('admin#example.cn');
    expect(problems[5].message).toContain('0 到 23');
  });

  it('keeps Chinese when the language is not one it knows', () => {
    const { settings, problems } = parseSettings([['界面语言', '法语']]);
    expect(settings.locale).toBe('zh-CN');
    expect(problems).toEqual([{ row: 0, column: 1, message: '“界面语言”应为 zh-CN / en 之一，填的是“法语”，已使用默认值 zh-CN。' }]);
  });

  it('reports unknown and repeated keys without throwing', () => {
    const { settings, problems } = parseSettings([
      ['自动关机', '是'],
      ['临期提醒天数', 4],
      ['临期提醒天数', 9],
    ]);
    expect(settings.dueSoonDays).toBe(4);
    expect(problems).toEqual([
      { row: 0, column: 0, message: '不认识的设置项“自动关机”，已忽略。' },
      { row: 2, column: 0, message: '设置项“临期提醒天数”重复出现，使用第一次的值。' },
    ]);
  });

  it('keeps the escalation ladder in order', () => {
    const { settings, problems } = parseSettings([
      ['通报批评督办次数', 4],
      ['约谈督办次数', 3],
    ]);
    expect(settings.criticismAfterNotices).toBe(2);
    expect(settings.interviewAfterNotices).toBe(3);
    expect(problems).toHaveLength(1);
    expect(problems[0].row).toBe(1);
  });

  it('finds the value column by its header when columns were moved', () => {
    const { settings } = parseSettings([
      ['说明', '设置项', '值'],
      ['', '临期提醒天数', 6],
    ]);
    expect(settings.dueSoonDays).toBe(6);
  });

  it('takes an empty value as the default', () => {
    expect(parseSettings([['任务表名称', '']]).settings.taskSheet).toBe('任务台账');
  });

  it('labels settings in each language', () => {
    expect(settingLabel('dueSoonDays', 'zh-CN')).toBe('临期提醒天数');
    expect(settingLabel('dueSoonDays', 'en')).toBe('Due-soon days');
  });
});

describe('settingCell', () => {
  it('finds the value cell of a setting by its label, under a header placed anywhere', () => {
    const values = [['督办台账设置'], ['设置项', '说明', '值'], ['语言', '', 'zh-CN'], ['任务表名称', '…', '任务台账']];
    expect(settingCell(values, 'taskSheet')).toEqual({ row: 3, column: 2 });
    expect(settingCell([['Task sheet name', 'Tasks']], 'taskSheet')).toEqual({ row: 0, column: 1 });
    expect(settingCell([['语言', 'zh-CN']], 'taskSheet')).toBeUndefined();
  });
});

describe('the office a mail is from (issue 14: every mail a 公文)', () => {
  it('reads 发文机关, 联系人, 联系电话, 联系邮箱 and 机关代字, in zh and en', () => {
    const zhSheet = [
      ['设置项', '值', '说明'],
      ['发文机关', 'XX市创建全国文明城市工作指挥部办公室', ''],
      ['联系人', '李明', ''],
      ['联系电话', '0571-87001234', ''],
      ['联系邮箱', 'cwb@city.gov.cn', ''],
      ['机关代字', 'X创城督', ''],
    ];
    const { settings } = parseSettings(zhSheet);
    expect(settings.senderName).toBe('XX市创建全国文明城市工作指挥部办公室');
    expect(settings.contactEmail).toBe('cwb@city.gov.cn');
    expect(settings.noticePrefix).toBe('X创城督');
    expect(unfilledOfficeSettings(settings)).toEqual([]);
    const en = parseSettings([
      ['Setting', 'Value', 'Notes'],
      ['Issuing office', 'City Office', ''],
      ['Contact person', 'Li Ming', ''],
    ]).settings;
    expect(en.senderName).toBe('City Office');
    expect(unfilledOfficeSettings(en)).toEqual(['contactPhone', 'contactEmail', 'officeCode']);
  });

  it('keeps the value of a former 发件人名称 row as 发文机关, but not the product name a former setup wrote', () => {
    const kept = parseSettings([
      ['设置项', '值', '说明'],
      ['发件人名称', '市创文办', ''],
      ['督办文号前缀', 'X创城督', ''],
    ]).settings;
    expect(kept.issuingOffice).toBe('市创文办');
    expect(kept.officeCode).toBe('X创城督');
    const former = parseSettings([
      ['设置项', '值', '说明'],
      ['发件人名称', '督办台账', ''],
      ['督办文号前缀', '督办', ''],
    ]);
    expect(former.problems).toEqual([]);
    expect(former.settings.issuingOffice).toBe('');
    expect(former.settings.senderName).toBe('创城办');
    expect(former.settings.noticePrefix).toBe('督办');
    expect(unfilledOfficeSettings(former.settings)).toEqual([
      'issuingOffice',
      'contactPerson',
      'contactPhone',
      'contactEmail',
      'officeCode',
    ]);
  });

  it('reads a former 督办间隔天数 row as 整改通知限期（工作日）, keeping its value; the default is 5 working days (issue 14)', () => {
    expect(DEFAULT_SETTINGS.noticeReplyDays).toBe(5);
    const zhRows = parseSettings([
      ['设置项', '值', '说明'],
      ['督办间隔天数', 7, ''],
    ]);
    expect(zhRows.problems).toEqual([]);
    expect(zhRows.settings.noticeReplyDays).toBe(7);
    expect(isFormerLabel('督办间隔天数')).toBe(true);
    expect(isFormerLabel('整改通知限期（工作日）')).toBe(false);
    expect(
      parseSettings([
        ['设置项', '值', '说明'],
        ['整改通知限期（工作日）', 4, ''],
      ]).settings.noticeReplyDays,
    ).toBe(4);
    expect(
      parseSettings([
        ['Setting', 'Value', 'Notes'],
        ['Days between notices', 6, ''],
      ]).settings.noticeReplyDays,
    ).toBe(6);
  });

  it('says where a 联系邮箱 is not an address', () => {
    const { settings, problems } = parseSettings([
      ['设置项', '值', '说明'],
      ['联系邮箱', 'cwb at city', ''],
    ]);
    expect(settings.contactEmail).toBe('');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 1, column: 1 });
  });
});

describe('the 通报 settings (issue 14: 通报批评 is a 通报)', () => {
  it('writes 通报抄送, 通报批评方式 and 通报送达 with their defaults and help, in zh and en', () => {
    const zh = settingRows(translator('zh-CN'), 'zh-CN');
    expect(zh.find((r) => r[0] === '通报抄送')?.[1]).toBe('');
    expect(zh.find((r) => r[0] === '通报抄送')?.[2]).toContain('督查室');
    expect(zh.find((r) => r[0] === '通报批评方式')?.[1]).toBe('即时');
    expect(zh.find((r) => r[0] === '通报批评方式')?.[2]).toContain('随月度通报');
    expect(zh.find((r) => r[0] === '通报送达')?.[1]).toBe('联系人');
    expect(zh.find((r) => r[0] === '通报送达')?.[2]).toContain('联系人和主要负责人');
    const en = settingRows(translator('en'), 'en');
    expect(en.find((r) => r[0] === 'Circular copies')?.[1]).toBe('');
    expect(en.find((r) => r[0] === 'Public criticism')?.[1]).toBe('at once');
    expect(en.find((r) => r[0] === 'Circular goes to')?.[1]).toBe('contacts');
    expect(DEFAULT_SETTINGS).toMatchObject({ circularCc: [], circularMode: 'immediate', circularTo: 'contact' });
  });

  it('reads the 抄送 addresses as offices write them, and names each bad one with its row and column', () => {
    const { settings, problems } = parseSettings([
      ['设置项', '值', '说明'],
      ['通报抄送', '督查室 <dcs@city.gov.cn>；纪委监委 jw#city.gov.cn、JWJW@City.gov.cn', ''],
      ['通报批评方式', '随月度通报', ''],
      ['通报送达', '联系人和主要负责人', ''],
    ]);
    expect(settings.circularCc).toEqual(['dcs@city.gov.cn', 'JWJW@city.gov.cn']);
    expect(settings.circularMode).toBe('monthly');
    expect(settings.circularTo).toBe('contactAndHead');
    expect(problems).toEqual([
      { row: 1, column: 1, message: '“通报抄送”中的“纪委监委 jw#city.gov.cn”不是有效的邮箱地址，已忽略；其余地址照常抄送。' },
    ]);
  });

  it('reads the English words, and falls back to the defaults where a choice is not one it knows', () => {
    expect(
      parseSettings([
        ['Circular copies', 'inspect@city.gov.cn, discipline@city.gov.cn'],
        ['Public criticism', 'with the monthly bulletin'],
        ['Circular goes to', 'contacts and heads'],
      ]).settings,
    ).toMatchObject({
      circularCc: ['inspect@city.gov.cn', 'discipline@city.gov.cn'],
      circularMode: 'monthly',
      circularTo: 'contactAndHead',
    });
    const { settings, problems } = parseSettings([
      ['设置项', '值', '说明'],
      ['通报批评方式', '每周', ''],
      ['通报送达', '全体', ''],
    ]);
    expect(settings).toMatchObject({ circularMode: 'immediate', circularTo: 'contact' });
    expect(problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [1, 1, '“通报批评方式”应为 即时 / 随月度通报 之一，填的是“每周”，已使用默认值 即时。'],
      [2, 1, '“通报送达”应为 联系人 / 联系人和主要负责人 之一，填的是“全体”，已使用默认值 联系人。'],
    ]);
  });
});

describe('约谈抄送 (issue 14, 约谈 is decided by a person)', () => {
  it('reads several addresses in zh and en, and reports a bad one where it is while keeping the others', () => {
    const zh = parseSettings([
      ['设置项', '值', '说明'],
      ['约谈抄送', '督查室 <dcs@example.gov.cn>、jw@example.gov.cn', ''],
    ]);
    expect(zh.problems).toEqual([]);
    expect(zh.settings.interviewCc).toEqual(['dcs@example.gov.cn', 'jw@example.gov.cn']);
    const en = parseSettings([
      ['Setting', 'Value', 'Explanation'],
      ['Interview Cc', 'dcs@example.gov.cn, jw#example.gov.cn', ''],
    ]);
    expect(en.settings.interviewCc).toEqual(['dcs@example.gov.cn']);
    expect(en.problems).toEqual([
      { row: 1, column: 1, message: '“Interview Cc”中的“jw#example.gov.cn”不是有效的邮箱地址，已忽略；其余地址照常抄送。' },
    ]);
    expect(defaultSettings('zh-CN').interviewCc).toEqual([]);
  });
});

describe('the month’s 督查通报 (issue 15, bulletin): 主送, 抄送, the sanctions’ wording, the 整改报告 days', () => {
  it('reads the office’s words and a number of working days, in zh and en', () => {
    const zh = parseSettings([
      ['设置项', '值', '说明'],
      ['月度通报主送', '各区县、市直有关单位', ''],
      ['月度通报抄送', '市委办公室、市政府办公室', ''],
      ['处理建议提法', '建议市文明委', ''],
      ['整改报告期限（工作日）', '10个工作日', ''],
    ]);
    expect(zh.problems).toEqual([]);
    const { bulletinTo, bulletinCc, sanctionWording, reportDays } = zh.settings;
    expect({ bulletinTo, bulletinCc, sanctionWording, reportDays }).toEqual({
      bulletinTo: '各区县、市直有关单位',
      bulletinCc: '市委办公室、市政府办公室',
      sanctionWording: '建议市文明委',
      reportDays: 10,
    });
    const en = parseSettings([
      ['Setting', 'Value', 'Explanation'],
      ['Rectification report due (working days)', '7', ''],
    ]);
    expect(en.settings.reportDays).toBe(7);
    expect(defaultSettings('en').bulletinTo).toBe('All counties, districts and city units');
  });

  it('defaults to 各县区、市直各单位, 市文明委各成员单位, 提请市文明委 and 5 working days, and says where a bad number is', () => {
    const d = defaultSettings('zh-CN');
    expect([d.bulletinTo, d.bulletinCc, d.sanctionWording, d.reportDays]).toEqual([
      '各县区、市直各单位',
      '市文明委各成员单位',
      '提请市文明委',
      5,
    ]);
    const bad = parseSettings([
      ['设置项', '值', '说明'],
      ['整改报告期限（工作日）', '下周', ''],
    ]);
    expect(bad.settings.reportDays).toBe(5);
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatchObject({ row: 1, column: 1 });
    expect(bad.problems[0]!.message).toContain('整改报告期限（工作日）');
  });
});
