import { CallCounter } from '../../runtime/calls.js';
import { newSheetModel, newWorkbookModel, type WorkbookModel } from '../../runtime/model.js';
import { createSpreadsheetRuntime, type SpreadsheetAppService, type SpreadsheetRuntime } from '../../runtime/spreadsheet/index.js';

export interface Fixture {
  model: WorkbookModel;
  calls: CallCounter;
  runtime: SpreadsheetRuntime;
  app: SpreadsheetAppService;
}

/** A workbook with the given sheets (default 1000 x 26 grids), served as SpreadsheetApp. */
export function fixture(sheetNames: string[] = ['台账'], timeZone = 'Asia/Shanghai', locale = 'zh_CN'): Fixture {
  const model = newWorkbookModel('督办台账', timeZone, locale);
  sheetNames.forEach((name, i) => {
    model.sheets.push(newSheetModel(name, i));
  });
  const calls = new CallCounter();
  const runtime = createSpreadsheetRuntime(model, calls, { userEmail: 'staff@example.com' });
  return { model, calls, runtime, app: runtime.app as SpreadsheetAppService };
}
