import { describe, expect, it } from 'vitest';
import { LOG_COLUMNS, LOG_HEADER } from '../../../src/core/notices/log';
import { scriptColumns } from '../../../src/core/text/script-columns';

describe('scriptColumns', () => {
  it('finds a column moved by hand by its header, in either language', () => {
    const at = scriptColumns(['Outcome', '文号', 'Time'], ['number', 'time', 'outcome'] as const, {
      number: 'logcol.number',
      time: 'logcol.time',
      outcome: 'logcol.outcome',
    });
    expect(at).toEqual({ number: 1, time: 2, outcome: 0 });
  });

  it('takes a column whose header is missing to be where the script writes it', () => {
    const at = scriptColumns([], LOG_COLUMNS, LOG_HEADER);
    expect(at.number).toBe(0);
    expect(at.detail).toBe(LOG_COLUMNS.indexOf('detail'));
    expect(at.replyBy).toBe(LOG_COLUMNS.length - 1);
  });
});
