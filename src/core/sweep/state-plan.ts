/**
 * The states planner: what the daily sweep and the edit trigger write for each task today.
 * The state word, the deadline as read, days overdue, reopens, the status-change date, the
 * first-seen day and the notes; a completion date into an empty 完成日期 of a task just closed.
 */
import type { ScriptField } from '../ledger/columns';
import type { Ledger } from '../ledger/ledger';
import { STATE_MESSAGE } from '../ledger/state';
import type { RowCells } from './sweep';

/** Cells a sweep clears on rows that are no longer tasks (a blank row keeps no red state). */
const TRANSIENT: ScriptField[] = ['state', 'dueAsRead', 'daysOverdue', 'systemNote'];

export function planStates(ledger: Ledger): Map<number, RowCells> {
  const { columns, tasks, kinds, headerRow } = ledger;
  const out = new Map<number, RowCells>();
  for (const task of tasks) {
    const cells: RowCells = {
      script: {
        state: ledger.t(STATE_MESSAGE[task.state.code]),
        dueAsRead: task.effectiveDeadline === undefined ? '' : { day: task.effectiveDeadline },
        daysOverdue: task.state.daysOverdue > 0 ? task.state.daysOverdue : '',
        reopens: task.reopenCount > 0 ? task.reopenCount : '',
        statusChanged: task.statusChanged === undefined ? '' : { day: task.statusChanged },
        firstSeen: { day: task.firstSeen },
        systemNote: task.notes.join('；'),
      },
      fill: [],
    };
    if (task.stampCompleted !== undefined && columns.completed !== undefined) {
      cells.fill.push({ column: columns.completed, value: { day: task.stampCompleted } });
    }
    out.set(task.index, cells);
  }
  // A row a person emptied loses the script's state, or it would stay red. Only a blank row:
  // a totals or note row under the script's columns holds the office's own cells (a =SUM).
  kinds.forEach((kind, i) => {
    const index = headerRow + 1 + i;
    if (kind !== 'blank' || !ledger.selected(index) || out.has(index)) return;
    const script: RowCells['script'] = {};
    for (const f of TRANSIENT) {
      const c = columns[f];
      if (c !== undefined && ledger.isFilled(index, c) && !ledger.hasFormula(index, c)) script[f] = '';
    }
    if (Object.keys(script).length > 0) out.set(index, { script, fill: [] });
  });
  return out;
}
