/**
 * Where a row (or column) of the workbook as read sits after the runtime's insertions and
 * deletions, with the rules the runtime's grid follows (runtime/spreadsheet/grid.ts): lines
 * inserted at or before a line push it on; a range grows when lines land strictly inside it
 * and shrinks with the lines deleted from it. Indexes are 0-based.
 */
import type { StructuralEdit } from '../model.js';

type Step = Pick<StructuralEdit, 'kind' | 'at' | 'count'>;

export class AxisMap {
  private readonly steps: Step[];

  constructor(edits: readonly StructuralEdit[], dimension: StructuralEdit['dimension']) {
    this.steps = edits.filter((e) => e.dimension === dimension);
  }

  get identity(): boolean {
    return this.steps.length === 0;
  }

  /** The current index of original line `i`, or undefined if it was deleted. */
  forward(i: number): number | undefined {
    let x = i;
    for (const s of this.steps) {
      if (s.kind === 'insert') {
        if (x >= s.at) x += s.count;
      } else if (x >= s.at + s.count) x -= s.count;
      else if (x >= s.at) return undefined;
    }
    return x;
  }

  /** The original index of current line `i`, or undefined for a line inserted since. */
  backward(i: number): number | undefined {
    let x = i;
    for (let k = this.steps.length - 1; k >= 0; k--) {
      const s = this.steps[k];
      if (s.kind === 'insert') {
        if (x >= s.at + s.count) x -= s.count;
        else if (x >= s.at) return undefined;
      } else if (x >= s.at) x += s.count;
    }
    return x;
  }

  /** Where an anchor on original line `i` lands: a deleted line's anchor moves to where it was. */
  point(i: number): number {
    let x = i;
    for (const s of this.steps) {
      if (s.kind === 'insert') {
        if (x >= s.at) x += s.count;
      } else if (x >= s.at + s.count) x -= s.count;
      else if (x >= s.at) x = s.at;
    }
    return x;
  }

  /** The lines [start, end) become; undefined when all of them were deleted. */
  span(start: number, end: number): [number, number] | undefined {
    let s0 = start;
    let e0 = end;
    for (const s of this.steps) {
      if (s.kind === 'insert') {
        if (s.at <= s0) {
          s0 += s.count;
          e0 += s.count;
        } else if (s.at < e0) e0 += s.count;
      } else {
        const move = (x: number): number => (x < s.at ? x : x >= s.at + s.count ? x - s.count : s.at);
        s0 = move(s0);
        e0 = move(e0);
      }
      if (e0 <= s0) return undefined;
    }
    return [s0, e0];
  }
}
