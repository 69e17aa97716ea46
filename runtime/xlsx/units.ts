/**
 * Units that differ between xlsx and Sheets.
 *
 * xlsx column widths count characters of the default font's widest digit (7 px for Calibri 11),
 * plus 5 px of padding; Sheets counts pixels. ECMA-376 18.3.1.13 gives the conversion.
 */

/** The font exceljs writes as the workbook default (font 0): cells in it have no font of their own in the model. */
export const DEFAULT_FONT_NAME = 'Calibri';
export const DEFAULT_FONT_SIZE = 11;

const DIGIT_PX = 7;
const PADDING_PX = 5;

export function pxFromWidth(width: number): number {
  return Math.round(width * DIGIT_PX + PADDING_PX);
}

export function widthFromPx(px: number): number {
  return Math.max(0, (px - PADDING_PX) / DIGIT_PX);
}

/** xlsx row heights are in points; Sheets counts pixels at 96 dpi. */
export function pxFromPoints(points: number): number {
  return Math.round((points * 96) / 72);
}

export function pointsFromPx(px: number): number {
  return (px * 72) / 96;
}
