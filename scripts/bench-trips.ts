/**
 * The bench's batched round trips (scripts/bench.ts explains the model and cites Google's words):
 * the data calls of a job, in order, as Apps Script carries them to the spreadsheet.
 */

/** A call that reads (its answer is needed now) rather than one Apps Script may hold back with the writes after it. */
const READ_TRIP = /\.(get[A-Z]\w*|find|insertSheet|deleteSheet|copyTo|duplicateActiveSheet)$/;

/** The batched round trips of a sequence of data calls (see the header): reads one each, a run of writes one. */
export function batchedTrips(calls: readonly string[]): number {
  let trips = 0;
  let pending = false;
  for (const name of calls) {
    if (name === 'SpreadsheetApp.flush') {
      // A flush carries what is pending (that run's one trip), or costs one of its own when nothing is.
      if (!pending) trips += 1;
      pending = false;
    } else if (READ_TRIP.test(name)) {
      trips += 1;
      pending = false;
      // A read applies the writes pending before it in the same trip as theirs: counted once, with the writes.
    } else if (!pending) {
      trips += 1;
      pending = true;
    }
  }
  return trips;
}
