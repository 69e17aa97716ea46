import { describe, expect, it } from 'vitest';
import { formatJavaDate, formatJavaString, LocalRuntime, type LocalRuntimeOptions } from '../../runtime/index.js';
import { newSheetModel, newWorkbookModel } from '../../runtime/model.js';

const NOW = new Date('2026-10-01T01:00:00Z');

function runtime(code: string, opts: Partial<LocalRuntimeOptions> = {}): LocalRuntime {
  const wb = newWorkbookModel('Ledger');
  wb.sheets.push(newSheetModel('Sheet1', 0));
  const rt = new LocalRuntime({ workbook: wb, now: NOW, ...opts });
  rt.load(code);
  return rt;
}

/** Runs `body` as a function of the script and returns its value. */
function evaluate<T>(body: string, opts: Partial<LocalRuntimeOptions> = {}): T {
  return runtime(`function probe() { ${body} }`, opts).run<T>('probe').value;
}

describe('MailApp', () => {
  it('sends with (recipient, subject, body, options) into the outbox, from the user, at the simulated time', () => {
    const rt = runtime(`function send() {
      MailApp.sendEmail('a@example.org, b@example.org', '逾期任务提醒', 'plain', { cc: 'c@example.org', bcc: 'd@example.org', replyTo: 'office@example.org', name: '创城办', htmlBody: '<b>html</b>' });
      return MailApp.getRemainingDailyQuota();
    }`);
    expect(rt.run('send').value).toBe(96);
    expect(rt.outbox).toEqual([
      {
        to: 'a@example.org, b@example.org',
        cc: 'c@example.org',
        bcc: 'd@example.org',
        replyTo: 'office@example.org',
        name: '创城办',
        from: 'admin@example.org',
        subject: '逾期任务提醒',
        body: 'plain',
        htmlBody: '<b>html</b>',
        sentAt: NOW,
      },
    ]);
  });

  it('sends with a message object and with (to, replyTo, subject, body)', () => {
    const rt = runtime(
      `function send() {
      MailApp.sendEmail({ to: 'a@example.org', subject: 'S1', body: 'B1', noReply: true });
      MailApp.sendEmail('b@example.org', 'reply@example.org', 'S2', 'B2');
    }`,
      { userEmail: 'office@city.gov.cn' },
    );
    rt.run('send');
    expect(rt.outbox.map((m) => [m.to, m.from, m.replyTo, m.subject, m.body])).toEqual([
      ['a@example.org', 'noreply@city.gov.cn', undefined, 'S1', 'B1'],
      ['b@example.org', 'office@city.gov.cn', 'reply@example.org', 'S2', 'B2'],
    ]);
  });

  it('charges one per recipient and refuses past the daily quota, which comes back after 24 hours', () => {
    const rt = runtime(
      `
      function two() { MailApp.sendEmail({ to: 'a@example.org', cc: 'b@example.org', subject: 's', body: 'b' }); }
      function left() { return MailApp.getRemainingDailyQuota(); }`,
      { mailQuota: 3 },
    );
    rt.run('two');
    expect(rt.run('left').value).toBe(1);
    expect(() => rt.run('two')).toThrow('Service invoked too many times for one day: email.');
    expect(rt.outbox).toHaveLength(1);
    rt.advance(24 * 60 * 60 * 1000);
    expect(rt.run('left').value).toBe(3);
    rt.run('two');
    expect(rt.outbox).toHaveLength(2);
  });

  it('rejects an invalid address and sends nothing', () => {
    const rt = runtime(`function bad() { MailApp.sendEmail('ok@example.org, 城管局', 's', 'b'); }`);
    expect(() => rt.run('bad')).toThrow('Invalid email: 城管局');
    expect(rt.outbox).toHaveLength(0);
  });

  it("refuses a message past its per-message limits, with Apps Script's messages", () => {
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@example.org`).join(',');
    expect(() => evaluate(`MailApp.sendEmail('${many}', 's', 'b');`, { mailQuota: 1500 })).toThrow(
      'Limit Exceeded: Email Recipients Per Message.',
    );
    expect(() => evaluate(`MailApp.sendEmail('a@example.org', 'x'.repeat(251), 'b');`)).toThrow('Argument too large: subject');
    expect(() => evaluate(`MailApp.sendEmail({ to: 'a@example.org', subject: 's', body: 'b', htmlBody: '督'.repeat(70000) });`)).toThrow(
      'Limit Exceeded: Email Body Size.',
    );
    expect(() => evaluate(`MailApp.sendEmail({ to: '', subject: 's', body: 'b' });`)).toThrow('Failed to send email: no recipient');
  });

  it('counts the plain body and the HTML body together against the 200 KB per message, and sends what stays under it', () => {
    // Each alternative alone is under 200 KB (120,000 bytes); the message carries both: refused.
    const both = `MailApp.sendEmail({ to: 'a@example.org', subject: 's', body: 'a'.repeat(120000), htmlBody: 'b'.repeat(120000) });`;
    expect(() => evaluate(both)).toThrow('Limit Exceeded: Email Body Size.');
    // 200 KB = 204,800 bytes, counted in UTF-8 (督 is three bytes): exactly at the limit goes.
    const rt = runtime(
      `function send() { MailApp.sendEmail({ to: 'a@example.org', subject: 's', body: 'a'.repeat(102400), htmlBody: 'b'.repeat(102400) }); }
       function over() { MailApp.sendEmail({ to: 'a@example.org', subject: 's', body: '督'.repeat(68267) }); }`,
    );
    rt.run('send');
    expect(rt.outbox).toHaveLength(1);
    expect(() => rt.run('over')).toThrow('Limit Exceeded: Email Body Size.');
    expect(rt.outbox).toHaveLength(1);
  });

  it('counts its calls', () => {
    const rt = runtime(`function send() { MailApp.sendEmail('a@example.org', 's', 'b'); }`);
    rt.run('send');
    expect(rt.calls.get('MailApp.sendEmail')).toBe(1);
  });
});

describe('PropertiesService', () => {
  it('stores strings per store and reads missing keys as null', () => {
    const rt = runtime(`function props() {
      const s = PropertiesService.getScriptProperties();
      s.setProperty('lastRun', 20261001).setProperty('flag', true);
      s.setProperties({ a: 1, b: 'two' });
      PropertiesService.getUserProperties().setProperty('u', 'x');
      const before = s.getKeys().sort();
      s.deleteProperty('a');
      return [s.getProperty('lastRun'), s.getProperty('flag'), s.getProperty('missing'), before, s.getProperties(),
              PropertiesService.getDocumentProperties().getProperty('u'), s.getKeys() instanceof Array];
    }`);
    expect(rt.run('props').value).toEqual([
      '20261001',
      'true',
      null,
      ['a', 'b', 'flag', 'lastRun'],
      { lastRun: '20261001', flag: 'true', b: 'two' },
      null,
      true,
    ]);
    expect(rt.properties.user.get('u')).toBe('x');
  });

  it('refuses a value over 9 KB and a store over 500 KB, keeping what was there', () => {
    const rt = runtime(`
      function big() { PropertiesService.getScriptProperties().setProperty('big', 'x'.repeat(9 * 1024 + 1)); }
      function fill() { const p = PropertiesService.getScriptProperties(); for (let i = 0; i < 60; i++) p.setProperty('k' + i, 'y'.repeat(9000)); }`);
    const quota = 'You have exceeded the property storage quota. Please remove some properties and try again.';
    expect(() => rt.run('big')).toThrow(quota);
    expect(rt.properties.script.has('big')).toBe(false);
    expect(() => rt.run('fill')).toThrow(quota);
    expect(rt.properties.script.size).toBe(56); // 56 x ~9 KB fit in 500 KB
  });

  it('replaces everything with setProperties(values, true) and keeps values across executions', () => {
    const rt = runtime(`
      function a() { PropertiesService.getScriptProperties().setProperties({ x: '1', y: '2' }); }
      function b() { PropertiesService.getScriptProperties().setProperties({ z: '3' }, true); return PropertiesService.getScriptProperties().getKeys(); }`);
    rt.run('a');
    expect(rt.run('b').value).toEqual(['z']);
  });
});

describe('ScriptApp', () => {
  it('records clock and spreadsheet triggers with their schedule and lists, deletes them', () => {
    const rt = runtime(`
      function install() {
        ScriptApp.newTrigger('dailyJob').timeBased().everyDays(1).atHour(8).inTimezone('Asia/Shanghai').create();
        ScriptApp.newTrigger('monthlyJob').timeBased().onMonthDay(1).atHour(9).create();
        ScriptApp.newTrigger('hourly').timeBased().everyHours(4).create();
        ScriptApp.newTrigger('weekly').timeBased().onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(7).create();
        ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
        return ScriptApp.getProjectTriggers().map(t => [t.getHandlerFunction(), String(t.getEventType()), String(t.getTriggerSource())]);
      }
      function removeDaily() {
        for (const t of ScriptApp.getProjectTriggers()) if (t.getHandlerFunction() === 'dailyJob') ScriptApp.deleteTrigger(t);
        return ScriptApp.getProjectTriggers().length;
      }`);
    expect(rt.run('install').value).toEqual([
      ['dailyJob', 'CLOCK', 'CLOCK'],
      ['monthlyJob', 'CLOCK', 'CLOCK'],
      ['hourly', 'CLOCK', 'CLOCK'],
      ['weekly', 'CLOCK', 'CLOCK'],
      ['onEditInstalled', 'ON_EDIT', 'SPREADSHEETS'],
    ]);
    expect(rt.triggers[0]).toMatchObject({
      handler: 'dailyJob',
      clock: { everyDays: 1, atHour: 8, timeZone: 'Asia/Shanghai' },
      createdBy: 'admin@example.org',
    });
    expect(rt.triggers[1]!.clock).toEqual({ onMonthDay: 1, atHour: 9 });
    expect(rt.triggers[3]!.clock).toEqual({ onWeekDay: 'MONDAY', atHour: 7 });
    expect(rt.triggers[4]!.sourceId).toBe(rt.workbook.id);
    expect(rt.run('removeDaily').value).toBe(4);
    expect(rt.triggers.map((t) => t.handler)).toEqual(['monthlyJob', 'hourly', 'weekly', 'onEditInstalled']);
  });

  it('refuses invalid schedules and more than 20 triggers', () => {
    expect(() => evaluate(`ScriptApp.newTrigger('f').timeBased().everyHours(3).create();`)).toThrow('must be 1, 2, 4, 6, 8 or 12');
    expect(() => evaluate(`ScriptApp.newTrigger('f').timeBased().everyMinutes(7).create();`)).toThrow('must be 1, 5, 10, 15 or 30');
    expect(() => evaluate(`ScriptApp.newTrigger('f').timeBased().create();`)).toThrow('schedule');
    expect(() => evaluate(`ScriptApp.newTrigger('f').timeBased().everyDays(1).inTimezone('Mars/Olympus').create();`)).toThrow(
      'Invalid argument',
    );
    expect(() => evaluate(`for (let i = 0; i < 21; i++) ScriptApp.newTrigger('f' + i).timeBased().everyDays(1).create();`)).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  });

  it('fires a clock trigger with the clock event', () => {
    const rt = runtime(`
      function install() { ScriptApp.newTrigger('tick').timeBased().everyDays(1).atHour(8).create(); }
      function tick(e) { return [e.authMode === ScriptApp.AuthMode.FULL, e.triggerUid, e.year, e.month, e['day-of-month'], e.hour, e.timezone]; }`);
    rt.run('install');
    expect(rt.fire(rt.triggers[0]!).value).toEqual([true, rt.triggers[0]!.id, 2026, 10, 1, 1, 'UTC']);
  });

  it('lets time pass with runUntil, firing each clock trigger when due, in its zone, with the clock at the firing time', () => {
    const rt = runtime(`
      function install() {
        ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(8).inTimezone('Asia/Shanghai').create();
        ScriptApp.newTrigger('monthly').timeBased().onMonthDay(1).atHour(9).create();
        ScriptApp.newTrigger('weekly').timeBased().onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(7).create();
        ScriptApp.newTrigger('fails').timeBased().everyDays(2).atHour(8).create();
      }
      function daily(e) { return new Date().toISOString(); }
      function monthly() { return new Date().toISOString(); }
      function weekly() { return new Date().toISOString(); }
      function fails() { throw new Error('sheet missing'); }`);
    rt.run('install');
    const firings = rt.runUntil(new Date('2026-11-02T00:00:00Z'));
    const byHandler = (h: string) => firings.filter((f) => f.trigger.handler === h);
    expect(byHandler('daily')).toHaveLength(32); // 2 Oct .. 2 Nov at 08:00 Shanghai
    expect(byHandler('daily')[0]!.result!.value).toBe('2026-10-02T00:00:00.000Z');
    expect(byHandler('monthly').map((f) => f.result!.value)).toEqual(['2026-11-01T01:00:00.000Z']);
    expect(byHandler('weekly').map((f) => f.at.toISOString())).toEqual([
      '2026-10-04T23:00:00.000Z',
      '2026-10-11T23:00:00.000Z',
      '2026-10-18T23:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
      '2026-11-01T23:00:00.000Z', // Monday 2 Nov, 07:00 in Shanghai
    ]);
    expect(byHandler('fails')).toHaveLength(16);
    expect(String(byHandler('fails')[0]!.error)).toContain('sheet missing');
    expect(firings.map((f) => f.at.getTime())).toEqual([...firings.map((f) => f.at.getTime())].sort((a, b) => a - b));
    expect(rt.now().toISOString()).toBe('2026-11-02T00:00:00.000Z');
    expect(rt.runUntil(new Date('2026-11-02T00:00:00Z'))).toEqual([]);
  });

  it('fires hourly triggers from their creation time and one-off triggers once', () => {
    const rt = runtime(`
      function install() {
        ScriptApp.newTrigger('every4h').timeBased().everyHours(4).create();
        ScriptApp.newTrigger('once').timeBased().after(90 * 60 * 1000).create();
      }
      function every4h() {} function once() {}`);
    rt.run('install');
    const firings = rt.runUntil(new Date('2026-10-01T13:00:00Z'));
    expect(firings.map((f) => [f.trigger.handler, f.at.toISOString()])).toEqual([
      ['once', '2026-10-01T02:30:00.000Z'],
      ['every4h', '2026-10-01T05:00:00.000Z'],
      ['every4h', '2026-10-01T09:00:00.000Z'],
      ['every4h', '2026-10-01T13:00:00.000Z'],
    ]);
  });

  it('gives the script id and the enums', () => {
    expect(
      evaluate(
        `return [typeof ScriptApp.getScriptId(), ScriptApp.AuthMode.LIMITED, ScriptApp.EventType.ON_OPEN, ScriptApp.TriggerSource.CLOCK];`,
      ),
    ).toEqual(['string', 'LIMITED', 'ON_OPEN', 'CLOCK']);
  });
});

describe('Session', () => {
  it('answers the script zone, the users and the locale', () => {
    expect(
      evaluate(
        `return [Session.getScriptTimeZone(), Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(),
                 Session.getActiveUserLocale(), Session.getTemporaryActiveUserKey() === Session.getTemporaryActiveUserKey()];`,
        { scriptTimeZone: 'Asia/Urumqi', userEmail: 'office@city.gov.cn' },
      ),
    ).toEqual(['Asia/Urumqi', 'office@city.gov.cn', 'office@city.gov.cn', 'zh_CN', true]);
  });

  it('defaults to Asia/Shanghai and admin@example.org', () => {
    expect(evaluate(`return [Session.getScriptTimeZone(), Session.getEffectiveUser().getEmail()];`)).toEqual([
      'Asia/Shanghai',
      'admin@example.org',
    ]);
  });
});

describe('Utilities.formatDate (Java SimpleDateFormat)', () => {
  const at = Date.parse('2026-10-01T16:30:05.007Z');

  it('formats in the given zone, crossing the date line as Shanghai does', () => {
    expect(evaluate(`return Utilities.formatDate(new Date('2026-10-01T16:30:00Z'), 'Asia/Shanghai', 'yyyy-MM-dd HH:mm');`)).toBe(
      '2026-10-02 00:30',
    );
  });

  it.each([
    ['yyyy-MM-dd', '2026-10-02'],
    ['yy/M/d', '26/10/2'],
    ['yyyy年M月d日', '2026年10月2日'],
    ['EEE, d MMM yyyy HH:mm:ss Z', 'Fri, 2 Oct 2026 00:30:05 +0800'],
    ['EEEE MMMM', 'Friday October'],
    ['h:mm a', '12:30 AM'],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '2026-10-02T00:30:05.007+08:00'],
    ["'o''clock' HH", "o'clock 00"],
    ['D u k K', '275 5 24 0'],
    ['HH:mm z', '00:30 CST'],
    ['zzzz', 'China Standard Time'],
  ])('%s → %s', (pattern, expected) => {
    expect(formatJavaDate(at, 'Asia/Shanghai', pattern)).toBe(expected);
  });

  it('writes Z for UTC in ISO offsets and falls back to GMT for an unknown zone, as Java does', () => {
    expect(formatJavaDate(at, 'UTC', 'HH:mmXXX')).toBe('16:30Z');
    expect(formatJavaDate(at, 'GMT+08:00', 'HH:mm')).toBe('00:30');
    expect(formatJavaDate(at, 'Nowhere/City', 'HH:mm Z')).toBe('16:30 +0000');
  });

  it('rejects unknown pattern letters and non-dates', () => {
    expect(() => evaluate(`return Utilities.formatDate(new Date(), 'UTC', 'yyyy-qq');`)).toThrow("Illegal pattern character 'q'");
    expect(() => evaluate(`return Utilities.formatDate('2026-10-01', 'UTC', 'yyyy');`)).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });
});

describe('other Utilities', () => {
  it('formats strings, makes UUIDs, encodes base64 and digests as signed bytes', () => {
    const [s, uuid, b64, back, digest] = evaluate<[string, string, string, number[], number[]]>(
      `return [Utilities.formatString('%s overdue, %d%%, %.1f', '3 tasks', 42.9, 1.25), Utilities.getUuid(),
               Utilities.base64Encode('督办'), Utilities.base64Decode('AP8='),
               Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc')];`,
    );
    expect(s).toBe('3 tasks overdue, 42%, 1.3');
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b64).toBe(Buffer.from('督办').toString('base64'));
    expect(back).toEqual([0, -1]);
    expect(digest.slice(0, 4)).toEqual([-112, 1, 80, -104]); // md5('abc') = 900150983cd2...
    expect(formatJavaString('%s-%s', ['a', 'b'])).toBe('a-b');
  });

  it('refuses a sleep longer than 5 minutes', () => {
    expect(() => evaluate(`Utilities.sleep(300001);`)).toThrow('300000');
  });
});
