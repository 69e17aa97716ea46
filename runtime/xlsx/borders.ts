/** Cell borders between exceljs and the model (SpreadsheetApp.BorderStyle names). */
import type ExcelJS from 'exceljs';
import type { BorderSide, CellBorders } from '../model.js';
import { hexToArgb, isXlsxColor, xlsxColorToHex } from './colors.js';

const FROM_XLSX: Record<string, BorderSide['style']> = {
  thin: 'SOLID',
  hair: 'DOTTED',
  dotted: 'DOTTED',
  dashed: 'DASHED',
  dashDot: 'DASHED',
  dashDotDot: 'DASHED',
  medium: 'SOLID_MEDIUM',
  mediumDashed: 'DASHED',
  mediumDashDot: 'DASHED',
  mediumDashDotDot: 'DASHED',
  slantDashDot: 'DASHED',
  thick: 'SOLID_THICK',
  double: 'DOUBLE',
};

const TO_XLSX: Record<BorderSide['style'], ExcelJS.BorderStyle> = {
  SOLID: 'thin',
  DOTTED: 'dotted',
  DASHED: 'dashed',
  SOLID_MEDIUM: 'medium',
  SOLID_THICK: 'thick',
  DOUBLE: 'double',
};

const SIDES = ['top', 'bottom', 'left', 'right'] as const;

export function bordersOf(border: Partial<ExcelJS.Borders> | undefined): CellBorders | undefined {
  if (!border) return undefined;
  const out: CellBorders = {};
  for (const side of SIDES) {
    const b = border[side];
    const style = b?.style ? FROM_XLSX[b.style] : undefined;
    if (!b || !style) continue;
    const color = isXlsxColor(b.color) && typeof b.color.argb === 'string' ? xlsxColorToHex(b.color) : undefined;
    out[side] = color && color !== '#000000' ? { style, color } : { style };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function xlsxBordersOf(borders: CellBorders | undefined): Partial<ExcelJS.Borders> | undefined {
  if (!borders) return undefined;
  const out: Partial<ExcelJS.Borders> = {};
  for (const side of SIDES) {
    const b = borders[side];
    if (!b) continue;
    const argb = hexToArgb(b.color);
    out[side] = argb ? { style: TO_XLSX[b.style], color: { argb } } : { style: TO_XLSX[b.style] };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
