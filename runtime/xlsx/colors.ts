/**
 * Colours between exceljs (ARGB, theme index + tint, legacy palette index) and the model ('#rrggbb').
 */

/** The Office 2013+ default theme, in the order xlsx theme indexes use (lt1, dk1, lt2, dk2, accent1..6, hlink, folHlink). */
const OFFICE_THEME = [
  'ffffff',
  '000000',
  'e7e6e6',
  '44546a',
  '4472c4',
  'ed7d31',
  'a5a5a5',
  'ffc000',
  '5b9bd5',
  '70ad47',
  '0563c1',
  '954f72',
];

/** The legacy 64-colour palette that `indexed` colours refer to (ECMA-376 18.8.27). */
const INDEXED = [
  '000000',
  'ffffff',
  'ff0000',
  '00ff00',
  '0000ff',
  'ffff00',
  'ff00ff',
  '00ffff',
  '000000',
  'ffffff',
  'ff0000',
  '00ff00',
  '0000ff',
  'ffff00',
  'ff00ff',
  '00ffff',
  '800000',
  '008000',
  '000080',
  '808000',
  '800080',
  '008080',
  'c0c0c0',
  '808080',
  '9999ff',
  '993366',
  'ffffcc',
  'ccffff',
  '660066',
  'ff8080',
  '0066cc',
  'ccccff',
  '000080',
  'ff00ff',
  'ffff00',
  '00ffff',
  '800080',
  '800000',
  '008080',
  '0000ff',
  '00ccff',
  'ccffff',
  'ccffcc',
  'ffff99',
  '99ccff',
  'ff99cc',
  'cc99ff',
  'ffcc99',
  '3366ff',
  '33cccc',
  '99cc00',
  'ffcc00',
  'ff9900',
  'ff6600',
  '666699',
  '969696',
  '003366',
  '339966',
  '003300',
  '333300',
  '993300',
  '993366',
  '333399',
  '333333',
];

export interface XlsxColor {
  argb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

export function isXlsxColor(value: unknown): value is XlsxColor {
  return typeof value === 'object' && value !== null;
}

/** Applies an xlsx tint (-1..1) the way Excel does: towards black or white in HSL lightness. */
function applyTint(hex: string, tint: number): string {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  let l = (max + min) / 2;
  const d = max - min;
  let h = 0;
  let s = 0;
  if (d !== 0) {
    s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
    if (max === r) h = ((g - b) / d + (g < b ? 6 : 0)) / 6;
    else if (max === g) h = ((b - r) / d + 2) / 6;
    else h = ((r - g) / d + 4) / 6;
  }
  l = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  const hue = (p: number, q: number, t: number): number => {
    const tt = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (tt < 1 / 6) return p + (q - p) * 6 * tt;
    if (tt < 1 / 2) return q;
    if (tt < 2 / 3) return p + (q - p) * (2 / 3 - tt) * 6;
    return p;
  };
  let rgb: number[];
  if (s === 0) rgb = [l, l, l];
  else {
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    rgb = [hue(p, q, h + 1 / 3), hue(p, q, h), hue(p, q, h - 1 / 3)];
  }
  return rgb
    .map((v) =>
      Math.round(v * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('');
}

/**
 * '#rrggbb' for an xlsx colour, or undefined when it names no concrete colour.
 * Theme colours resolve against the default Office theme (workbooks rarely change it).
 */
export function xlsxColorToHex(color: XlsxColor | undefined): string | undefined {
  if (!color) return undefined;
  let hex: string | undefined;
  if (typeof color.argb === 'string' && /^[0-9a-fA-F]{6,8}$/.test(color.argb)) {
    hex = color.argb.slice(-6).toLowerCase();
  } else if (typeof color.theme === 'number') {
    hex = OFFICE_THEME[color.theme];
  } else if (typeof color.indexed === 'number') {
    hex = INDEXED[color.indexed];
  }
  if (hex === undefined) return undefined;
  if (typeof color.tint === 'number' && color.tint !== 0) hex = applyTint(hex, color.tint);
  return `#${hex}`;
}

/** True for the colours that mean "default text colour" (theme dk1 / system window text). */
export function isDefaultFontColor(color: XlsxColor | undefined): boolean {
  if (!color) return true;
  if (typeof color.argb === 'string') return false;
  if (typeof color.theme === 'number') return color.theme === 1 && !color.tint;
  return color.indexed === 64 || color.indexed === undefined;
}

/** ARGB for exceljs from '#rgb' or '#rrggbb' (Sheets accepts both), or undefined if not a colour. */
export function hexToArgb(hex: string | null | undefined): string | undefined {
  if (!hex) return undefined;
  const m = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.exec(hex.trim());
  if (!m) return undefined;
  const h =
    m[1].length === 3
      ? m[1]
          .split('')
          .map((c) => c + c)
          .join('')
      : m[1];
  return `FF${h.toUpperCase()}`;
}
