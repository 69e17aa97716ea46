import { describe, expect, it } from 'vitest';
import { fixture } from './spreadsheet-helpers.js';

const ROWS = 10_000;
const COLUMNS = 25;

// How fast these blocks go is measured by `npm run bench`, not here: a timed test fails on a
// busy machine for reasons that are not the code's.
describe('large blocks', () => {
  it('reads back a 10,000 x 25 block exactly as written, values and fills', () => {
    const { app, model } = fixture();
    model.sheets[0].maxRows = ROWS + 1;
    const sheet = app.getActiveSheet();
    const block = sheet.getRange(2, 1, ROWS, COLUMNS);
    const data = Array.from({ length: ROWS }, (_, r) =>
      Array.from({ length: COLUMNS }, (_, c) => (c === 3 ? new Date(2024, 0, 1 + (r % 300)) : c % 2 ? r * c : `单位${r}-${c}`)),
    );
    const colours = Array.from({ length: ROWS }, (_, r) => new Array<string>(COLUMNS).fill(r % 2 ? '#ffc7ce' : '#ffffff'));

    block.setValues(data);
    block.setBackgrounds(colours);

    expect(sheet.getLastRow()).toBe(ROWS + 1);
    const read = sheet.getDataRange().getValues();
    expect(read).toHaveLength(ROWS + 1);
    expect(read[ROWS][1]).toBe((ROWS - 1) * 1);
    expect(read[ROWS][2]).toBe(`单位${ROWS - 1}-2`);
    expect((read[5000][3] as Date).getTime()).toBe((data[4999][3] as Date).getTime());
    const fills = block.getBackgrounds();
    expect(fills[0][0]).toBe('#ffffff');
    expect(fills[ROWS - 1][COLUMNS - 1]).toBe('#ffc7ce');
  });
});
