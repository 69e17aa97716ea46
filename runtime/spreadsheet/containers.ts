/**
 * How an object of the model reaches the objects that hold it. The modules import downward
 * (Spreadsheet → Sheet → Range → the range's protections, validations, format rules, charts and
 * metadata); going back up (a Range's getSheet(), a Sheet's getParent(), a protection's
 * getRange(), a metadata item's getLocation()) would make each pair import the other. So the three
 * holding classes register themselves here when their module loads, and the objects below reach
 * them through these functions: no import cycle, the same objects as before.
 */
import type { Range } from './range.js';
import type { Sheet } from './sheet.js';
import type { Spreadsheet } from './spreadsheet.js';

interface Holders {
  Range: typeof Range;
  Sheet: typeof Sheet;
  Spreadsheet: typeof Spreadsheet;
}

const holders: Partial<Holders> = {};

/** Called once by range.ts, sheet.ts and spreadsheet.ts, right after each defines its class. */
export function registerHolder<K extends keyof Holders>(name: K, holder: Holders[K]): void {
  holders[name] = holder;
}

function holder<K extends keyof Holders>(name: K): Holders[K] {
  const found = holders[name];
  // Only a module loaded on its own, outside runtime/spreadsheet/index.ts, could get here.
  if (!found) throw new Error(`runtime/spreadsheet: ${name} is used before its module is loaded (import runtime/spreadsheet/index.ts)`);
  return found;
}

export function newRange(...args: ConstructorParameters<typeof Range>): Range {
  return new (holder('Range'))(...args);
}

export function isRange(x: unknown): x is Range {
  return x instanceof holder('Range');
}

export function newSheet(...args: ConstructorParameters<typeof Sheet>): Sheet {
  return new (holder('Sheet'))(...args);
}

export function isSheet(x: unknown): x is Sheet {
  return x instanceof holder('Sheet');
}

export function newSpreadsheet(...args: ConstructorParameters<typeof Spreadsheet>): Spreadsheet {
  return new (holder('Spreadsheet'))(...args);
}
