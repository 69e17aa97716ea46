/**
 * Changing a cell's xlsx style only where the model's format changed, so that what the model
 * does not hold (underline, strike, rotation, indent, cell protection, gradient fills, theme
 * colours, diagonal borders) stays as the office left it.
 */
import type ExcelJS from 'exceljs';
import type { BorderSide, CellFormat } from '../model.js';
import { xlsxBordersOf } from './borders.js';
import { hexToArgb } from './colors.js';
import { DEFAULT_FONT_NAME, DEFAULT_FONT_SIZE } from './units.js';

type Style = Partial<ExcelJS.Style>;

function sameSide(a: BorderSide | undefined, b: BorderSide | undefined): boolean {
  return a?.style === b?.style && a?.color === b?.color;
}

export function sameFormat(a: CellFormat | undefined, b: CellFormat | undefined): boolean {
  if (a === b) return true;
  const x = a ?? {};
  const y = b ?? {};
  const keys = new Set([...Object.keys(x), ...Object.keys(y)] as (keyof CellFormat)[]);
  for (const k of keys) {
    if (k === 'borders') {
      const bx = x.borders ?? {};
      const by = y.borders ?? {};
      if (!sameSide(bx.top, by.top) || !sameSide(bx.bottom, by.bottom) || !sameSide(bx.left, by.left) || !sameSide(bx.right, by.right))
        return false;
    } else if ((x[k] ?? undefined) !== (y[k] ?? undefined)) return false;
  }
  return true;
}

function changed<K extends keyof CellFormat>(before: CellFormat, after: CellFormat, key: K): boolean {
  return (before[key] ?? undefined) !== (after[key] ?? undefined);
}

/**
 * The style `style` becomes when a cell's format goes from `before` to `after`. `numberFormat`
 * is what the cell's number format must be (the model's, or the one a date is given).
 * Never mutates `style`: exceljs shares one style object among the cells of an xf.
 */
export function patchStyle(
  style: Style,
  before: CellFormat | undefined,
  after: CellFormat | undefined,
  numberFormat: string | undefined,
  numberFormatChanged: boolean,
): Style {
  // The runtime drops a cell's whole format only to clear it (clearFormat, clear): as in
  // Sheets, everything goes, what the model does not hold included.
  if (before !== undefined && after === undefined) return numberFormat ? { numFmt: numberFormat } : {};
  const b = before ?? {};
  const a = after ?? {};
  const out: Style = { ...style };
  if (numberFormatChanged) {
    if (numberFormat) out.numFmt = numberFormat;
    else delete out.numFmt;
  }
  if (changed(b, a, 'background')) {
    const bg = hexToArgb(a.background);
    out.fill = bg
      ? { type: 'pattern', pattern: 'solid', fgColor: { argb: bg }, bgColor: { argb: bg } }
      : { type: 'pattern', pattern: 'none' };
  }
  const fontKeys = ['fontColor', 'fontWeight', 'fontStyle', 'fontSize', 'fontFamily'] as const;
  if (fontKeys.some((k) => changed(b, a, k))) {
    const font: Partial<ExcelJS.Font> = { name: DEFAULT_FONT_NAME, size: DEFAULT_FONT_SIZE, ...style.font };
    if (changed(b, a, 'fontColor')) {
      const fc = hexToArgb(a.fontColor);
      if (fc) font.color = { argb: fc };
      else delete font.color;
    }
    if (changed(b, a, 'fontWeight')) font.bold = a.fontWeight === 'bold';
    if (changed(b, a, 'fontStyle')) font.italic = a.fontStyle === 'italic';
    if (changed(b, a, 'fontSize')) font.size = a.fontSize ?? DEFAULT_FONT_SIZE;
    if (changed(b, a, 'fontFamily')) font.name = a.fontFamily ?? DEFAULT_FONT_NAME;
    out.font = font;
  }
  if (changed(b, a, 'horizontalAlignment') || changed(b, a, 'verticalAlignment') || changed(b, a, 'wrap')) {
    const al: Partial<ExcelJS.Alignment> = { ...style.alignment };
    if (changed(b, a, 'horizontalAlignment')) {
      if (a.horizontalAlignment && a.horizontalAlignment !== 'general') al.horizontal = a.horizontalAlignment;
      else delete al.horizontal;
    }
    if (changed(b, a, 'verticalAlignment')) {
      if (a.verticalAlignment) al.vertical = a.verticalAlignment;
      else delete al.vertical;
    }
    if (changed(b, a, 'wrap')) {
      if (a.wrap) al.wrapText = true;
      else delete al.wrapText;
    }
    out.alignment = al;
  }
  const sides = ['top', 'bottom', 'left', 'right'] as const;
  if (sides.some((s) => !sameSide(b.borders?.[s], a.borders?.[s]))) {
    const border: Partial<ExcelJS.Borders> = { ...style.border };
    const wanted = xlsxBordersOf(a.borders) ?? {};
    for (const s of sides) {
      if (sameSide(b.borders?.[s], a.borders?.[s])) continue;
      const side = wanted[s];
      if (side) border[s] = side;
      else delete border[s];
    }
    out.border = border;
  }
  return out;
}

/** Patched styles are shared like exceljs's own: one object per (original style, change). */
export class PatchedStyles {
  private readonly cache = new WeakMap<object, Map<string, Style>>();

  get(
    style: Style,
    before: CellFormat | undefined,
    after: CellFormat | undefined,
    numberFormat: string | undefined,
    numberFormatChanged: boolean,
  ): Style {
    let byChange = this.cache.get(style);
    if (!byChange) {
      byChange = new Map();
      this.cache.set(style, byChange);
    }
    const key = JSON.stringify([before ?? null, after ?? null, numberFormat ?? null, numberFormatChanged]);
    let out = byChange.get(key);
    if (!out) {
      out = patchStyle(style, before, after, numberFormat, numberFormatChanged);
      byChange.set(key, out);
    }
    return out;
  }
}
