/**
 * The `Charts` global: its enums, which embedded chart builders take
 * (`sheet.newChart().setChartType(Charts.ChartType.BAR)`).
 * https://developers.google.com/apps-script/reference/charts/charts
 *
 * Only the enums are here: the Charts service's own builders (Charts.newBarChart() …) draw
 * standalone images, which nothing local can render; the charts a spreadsheet keeps come from
 * Sheet.newChart() (runtime/spreadsheet/chart.ts). Reading an enum is not a call, so nothing is counted.
 */
import { ChartHiddenDimensionStrategy, ChartMergeStrategy, ChartType, Position } from '../spreadsheet/enums.js';

export function createCharts(): object {
  return Object.freeze({ ChartType, ChartMergeStrategy, ChartHiddenDimensionStrategy, Position });
}
