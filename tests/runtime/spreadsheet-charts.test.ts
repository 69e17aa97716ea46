import { describe, expect, it } from 'vitest';
import { ChartMergeStrategy, ChartType, Position } from '../../runtime/spreadsheet/enums.js';
import { fixture } from './spreadsheet-helpers.js';

/** A sheet with a small score table (单位, 得分) in A1:B4. */
function scores() {
  const f = fixture(['通报', '数据']);
  const sheet = f.app.getActiveSpreadsheet().getSheetByName('通报')!;
  sheet.getRange('A1:B4').setValues([
    ['单位', '得分'],
    ['市城管局', 92],
    ['市住建局', 85.5],
    ['市交通局', 78],
  ]);
  return { ...f, sheet };
}

describe('embedded charts', () => {
  it('a bar chart built, inserted and read back has its type, ranges, position and options', () => {
    const { sheet, model } = scores();
    const chart = sheet
      .newChart()
      .setChartType(ChartType.BAR)
      .addRange(sheet.getRange('A1:B4'))
      .setNumHeaders(1)
      .setPosition(6, 2, 10, 5)
      .setOption('title', '2026年11月得分')
      .setOption('legend', { position: 'none' })
      .setOption('hAxis.title', '得分')
      .setOption('vAxis', { title: '单位' })
      .setOption('colors', ['#c00000'])
      .setOption('width', 480)
      .setOption('height', 300)
      .build();
    expect(chart.getChartId()).toBeNull();
    sheet.insertChart(chart);

    const [read] = sheet.getCharts();
    expect(sheet.getCharts()).toHaveLength(1);
    expect(read.getChartId()).toBe(chart.getChartId());
    expect(read.getChartId()).toBeGreaterThan(0);
    expect(read.modify().getChartType()).toBe(ChartType.BAR);
    expect(read.getRanges().map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`)).toEqual(['通报!A1:B4']);
    const where = read.getContainerInfo();
    expect([where.getAnchorRow(), where.getAnchorColumn(), where.getOffsetX(), where.getOffsetY()]).toEqual([6, 2, 10, 5]);
    const options = read.getOptions();
    expect(options.get('title')).toBe('2026年11月得分');
    expect(options.get('legend')).toEqual({ position: 'none' });
    expect(options.get('legend.position')).toBe('none');
    expect(options.get('hAxis')).toEqual({ title: '得分' });
    expect(options.get('vAxis.title')).toBe('单位');
    expect(options.get('colors')).toEqual(['#c00000']);
    expect(options.get('width')).toBe(480);
    expect(options.get('pieHole')).toBeNull();
    expect(read.getNumHeaders()).toBe(1);
    expect(read.getMergeStrategy()).toBe(ChartMergeStrategy.MERGE_COLUMNS);
    expect(model.sheets[0].charts).toEqual([
      {
        chartId: read.getChartId(),
        type: 'BAR',
        ranges: [{ sheetId: 0, range: { startRow: 0, startColumn: 0, endRow: 4, endColumn: 2 } }],
        anchor: { row: 5, column: 1, offsetX: 10, offsetY: 5 },
        options: {
          title: '2026年11月得分',
          legend: { position: 'none' },
          hAxis: { title: '得分' },
          vAxis: { title: '单位' },
          colors: ['#c00000'],
          width: 480,
          height: 300,
        },
        numHeaders: 1,
        mergeStrategy: 'MERGE_COLUMNS',
        hiddenDimensionStrategy: 'IGNORE_BOTH',
        transposeRowsAndColumns: false,
      },
    ]);
  });

  it('asBarChart and asColumnChart set the type and turn their methods into options', () => {
    const { sheet } = scores();
    sheet.insertChart(
      sheet
        .newChart()
        .asBarChart()
        .addRange(sheet.getRange('A1:B4'))
        .setTitle('得分')
        .setXAxisTitle('分')
        .setYAxisTitle('单位')
        .setColors(['red'])
        .setLegendPosition(Position.BOTTOM)
        .setRange(0, 100)
        .build(),
    );
    sheet.insertChart(sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:B4')).setRange(60, 100).build());
    const [bar, column] = sheet.getCharts();
    expect(bar.modify().getChartType()).toBe(ChartType.BAR);
    expect(column.modify().getChartType()).toBe(ChartType.COLUMN);
    expect(bar.getOptions().get('hAxis')).toEqual({ title: '分', viewWindow: { min: 0, max: 100 } });
    expect(bar.getOptions().get('vAxis.title')).toBe('单位');
    expect(bar.getOptions().get('legend.position')).toBe('bottom');
    expect(bar.getOptions().get('colors')).toEqual(['red']);
    // For columns the values run up the vertical axis.
    expect(column.getOptions().get('vAxis.viewWindow')).toEqual({ min: 60, max: 100 });
    expect(bar.getChartId()).not.toBe(column.getChartId());
  });

  it('a range is added once, can be removed, and may be on another sheet', () => {
    const { app, sheet } = scores();
    const data = app.getActiveSpreadsheet().getSheetByName('数据')!;
    const builder = sheet.newChart().setChartType(ChartType.COLUMN);
    builder.addRange(sheet.getRange('A1:A4')).addRange(sheet.getRange('A1:A4')).addRange(data.getRange('C1:C4'));
    expect(builder.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A4', 'C1:C4']);
    builder.removeRange(sheet.getRange('A1:A4'));
    expect(builder.getRanges().map((r) => r.getSheet().getName())).toEqual(['数据']);
    builder.clearRanges();
    expect(builder.getRanges()).toEqual([]);
  });

  it('a chart changes on the sheet only through updateChart', () => {
    const { sheet } = scores();
    sheet.insertChart(sheet.newChart().setChartType(ChartType.BAR).addRange(sheet.getRange('A1:B4')).setOption('title', '旧').build());
    const [chart] = sheet.getCharts();
    const changed = chart.modify().setOption('title', '新').setPosition(10, 5, 0, 0).build();
    expect(sheet.getCharts()[0].getOptions().get('title')).toBe('旧');
    sheet.updateChart(changed);
    const [after] = sheet.getCharts();
    expect(after.getOptions().get('title')).toBe('新');
    expect(after.getContainerInfo().getAnchorRow()).toBe(10);
    expect(after.getChartId()).toBe(chart.getChartId());
    expect(sheet.getCharts()).toHaveLength(1);
  });

  it('removeChart takes it off the sheet; the usual "remove them all and draw again" works', () => {
    const { sheet, model } = scores();
    for (const title of ['一', '二'])
      sheet.insertChart(sheet.newChart().setChartType(ChartType.BAR).addRange(sheet.getRange('A1:B4')).setOption('title', title).build());
    const firstIds = sheet.getCharts().map((c) => c.getChartId());
    sheet.getCharts().forEach((c) => {
      sheet.removeChart(c);
    });
    expect(sheet.getCharts()).toEqual([]);
    expect(model.sheets[0].charts).toBeUndefined();
    sheet.insertChart(sheet.newChart().setChartType(ChartType.BAR).addRange(sheet.getRange('A1:B4')).build());
    // A removed chart's id is not given to a new one.
    expect(firstIds).not.toContain(sheet.getCharts()[0].getChartId());
  });

  it('refuses what Apps Script refuses: no type, a chart not on the sheet, a bad position or argument', () => {
    const { app, sheet } = scores();
    expect(() => sheet.insertChart(sheet.newChart().addRange(sheet.getRange('A1:B4')).build())).toThrow('The chart has no type');
    const other = app.getActiveSpreadsheet().getSheetByName('数据')!;
    sheet.insertChart(sheet.newChart().setChartType(ChartType.BAR).build());
    const [chart] = sheet.getCharts();
    expect(() => other.removeChart(chart)).toThrow('The chart is not on the sheet 数据.');
    expect(() => other.updateChart(chart.modify().build())).toThrow('The chart is not on the sheet 数据.');
    expect(() => sheet.updateChart(sheet.newChart().setChartType(ChartType.BAR).build())).toThrow('The chart is not on the sheet 通报.');
    expect(() => sheet.newChart().setPosition(0, 1, 0, 0)).toThrow('Invalid argument: anchorRowPos');
    expect(() => sheet.newChart().setChartType('BAR' as never)).toThrow(
      "The parameters don't match the method signature for EmbeddedChartBuilder.setChartType.",
    );
    expect(() => sheet.newChart().addRange('A1:B4' as never)).toThrow(
      "The parameters don't match the method signature for EmbeddedChartBuilder.addRange.",
    );
  });

  it('options are copies: changing what was passed or what get returned changes nothing', () => {
    const { sheet } = scores();
    const colors = ['#c00000'];
    sheet.insertChart(sheet.newChart().setChartType(ChartType.BAR).setOption('colors', colors).build());
    colors.push('#00b050');
    const got = sheet.getCharts()[0].getOptions().get('colors') as string[];
    got.push('#000000');
    expect(sheet.getCharts()[0].getOptions().get('colors')).toEqual(['#c00000']);
  });
});

describe('charts and the grid', () => {
  function placed() {
    const f = scores();
    const { sheet } = f;
    sheet.insertChart(sheet.newChart().setChartType(ChartType.BAR).addRange(sheet.getRange('A1:B4')).setPosition(6, 3, 0, 0).build());
    const where = () => {
      const [c] = sheet.getCharts();
      const info = c.getContainerInfo();
      return { anchor: `${info.getAnchorRow()},${info.getAnchorColumn()}`, data: c.getRanges().map((r) => r.getA1Notation()) };
    };
    return { ...f, where };
  }

  it('rows inserted above push the chart and its data down; inside the data they widen it', () => {
    const { sheet, runtime, where } = placed();
    sheet.insertRowsBefore(1, 2);
    expect(where()).toEqual({ anchor: '8,3', data: ['A3:B6'] });
    runtime.insertRowsAsUser('通报', 5, 1);
    expect(where()).toEqual({ anchor: '9,3', data: ['A3:B7'] });
    // Below the anchor: nothing moves.
    sheet.insertRowsAfter(20, 3);
    expect(where()).toEqual({ anchor: '9,3', data: ['A3:B7'] });
  });

  it('columns inserted or deleted before the anchor move it sideways', () => {
    const { sheet, where } = placed();
    sheet.insertColumnsBefore(1, 1);
    expect(where()).toEqual({ anchor: '6,4', data: ['B1:C4'] });
    sheet.deleteColumns(1, 1);
    expect(where()).toEqual({ anchor: '6,3', data: ['A1:B4'] });
    sheet.deleteColumn(2);
    expect(where()).toEqual({ anchor: '6,2', data: ['A1:A4'] });
  });

  it('deleting the anchor row leaves the chart where the row was; deleting all its data leaves it empty', () => {
    const { sheet, runtime, where } = placed();
    sheet.deleteRows(5, 3);
    expect(where()).toEqual({ anchor: '5,3', data: ['A1:B4'] });
    runtime.deleteRowsAsUser('通报', 1, 4);
    expect(where()).toEqual({ anchor: '1,3', data: [] });
    expect(sheet.getCharts()).toHaveLength(1);
  });

  it("a chart drawing on another sheet follows that sheet's rows", () => {
    const { app, sheet } = scores();
    const data = app.getActiveSpreadsheet().getSheetByName('数据')!;
    sheet.insertChart(sheet.newChart().setChartType(ChartType.BAR).addRange(data.getRange('A2:B9')).setPosition(6, 3, 0, 0).build());
    data.insertRowsBefore(1, 3);
    const [c] = sheet.getCharts();
    expect(c.getRanges().map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`)).toEqual(['数据!A5:B12']);
    expect(c.getContainerInfo().getAnchorRow()).toBe(6);
  });

  it('clearing the sheet keeps its charts; deleting the sheet takes them, and other charts lose its data', () => {
    const { app, sheet, model } = scores();
    const ss = app.getActiveSpreadsheet();
    const data = ss.getSheetByName('数据')!;
    sheet.insertChart(
      sheet.newChart().setChartType(ChartType.BAR).addRange(sheet.getRange('A1:B4')).addRange(data.getRange('A1:A4')).build(),
    );
    data.insertChart(data.newChart().setChartType(ChartType.COLUMN).addRange(data.getRange('A1:A4')).build());
    sheet.clear();
    sheet.clearContents();
    expect(sheet.getCharts()).toHaveLength(1);
    ss.deleteSheet(data);
    expect(model.sheets.map((s) => [s.name, s.charts?.length ?? 0])).toEqual([['通报', 1]]);
    expect(
      sheet
        .getCharts()[0]
        .getRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1:B4']);
    // A new sheet that takes the deleted sheet's id does not become the chart's data.
    const fresh = ss.insertSheet('新');
    expect(fresh.getSheetId()).toBe(1);
    expect(sheet.getCharts()[0].getRanges()).toHaveLength(1);
  });
});

describe('chart calls are counted like every service call', () => {
  it('one call per method, by Class.method', () => {
    const { sheet, calls } = scores();
    calls.reset();
    const chart = sheet
      .newChart()
      .asBarChart()
      .addRange(sheet.getRange('A1:B4'))
      .setTitle('得分')
      .setOption('legend', 'none')
      .setPosition(6, 1, 0, 0)
      .build();
    sheet.insertChart(chart);
    const [read] = sheet.getCharts();
    read.getContainerInfo().getAnchorRow();
    read.getOptions().get('title');
    read.getRanges();
    sheet.updateChart(read.modify().setOption('title', '新').build());
    sheet.removeChart(read);
    expect(calls.byMethod()).toEqual({
      'ChartOptions.get': 1,
      'ContainerInfo.getAnchorRow': 1,
      'EmbeddedBarChartBuilder.addRange': 1,
      'EmbeddedBarChartBuilder.build': 1,
      'EmbeddedBarChartBuilder.setOption': 1,
      'EmbeddedBarChartBuilder.setPosition': 1,
      'EmbeddedBarChartBuilder.setTitle': 1,
      'EmbeddedChart.getContainerInfo': 1,
      'EmbeddedChart.getOptions': 1,
      'EmbeddedChart.getRanges': 1,
      'EmbeddedChart.modify': 1,
      'EmbeddedChartBuilder.asBarChart': 1,
      'EmbeddedChartBuilder.build': 1,
      'EmbeddedChartBuilder.setOption': 1,
      'Sheet.getCharts': 1,
      'Sheet.getRange': 1,
      'Sheet.insertChart': 1,
      'Sheet.newChart': 1,
      'Sheet.removeChart': 1,
      'Sheet.updateChart': 1,
    });
  });
});
