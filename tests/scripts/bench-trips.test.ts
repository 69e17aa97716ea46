import { describe, expect, it } from 'vitest';
import { batchedTrips } from '../../scripts/bench-trips';

describe("the bench's batched round trips", () => {
  it("counts a mail's claim written then flushed as one trip, and a read as one of its own", () => {
    const mail = ['Range.setValues', 'SpreadsheetApp.flush'];
    expect(batchedTrips([...mail, ...mail, ...mail])).toBe(3);
    expect(batchedTrips(['Sheet.getLastRow', 'Sheet.getDataRange', 'Range.getValues'])).toBe(3);
  });

  it('counts a run of writes with no read between them as one, and a read after them as one more', () => {
    expect(batchedTrips(['Range.setValues', 'Range.setFontSizes', 'Range.mergeAcross', 'Sheet.setColumnWidth'])).toBe(1);
    expect(batchedTrips(['Range.setValues', 'Range.setBackgrounds', 'Range.getValues', 'Range.setValues'])).toBe(3);
  });

  it('counts a flush with nothing pending, a metadata search and a new sheet as trips of their own', () => {
    expect(
      batchedTrips(['SpreadsheetApp.flush', 'DeveloperMetadataFinder.find', 'Spreadsheet.insertSheet', 'Sheet.addDeveloperMetadata']),
    ).toBe(4);
  });
});
