/**
 * Colours as Sheets stores them: setBackground('red') and setBackground('#F00') both read
 * back as '#ff0000' (Apps Script accepts CSS notation: https://developers.google.com/apps-script/reference/spreadsheet/range#setBackground(String)).
 */
const NAMED: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  lime: '#00ff00',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  cyan: '#00ffff',
  aqua: '#00ffff',
  magenta: '#ff00ff',
  fuchsia: '#ff00ff',
  silver: '#c0c0c0',
  gray: '#808080',
  grey: '#808080',
  maroon: '#800000',
  olive: '#808000',
  purple: '#800080',
  teal: '#008080',
  navy: '#000080',
  orange: '#ffa500',
  pink: '#ffc0cb',
  brown: '#a52a2a',
  gold: '#ffd700',
  lightgray: '#d3d3d3',
  lightgrey: '#d3d3d3',
  darkgray: '#a9a9a9',
  darkgrey: '#a9a9a9',
  lightyellow: '#ffffe0',
  lightgreen: '#90ee90',
  lightblue: '#add8e6',
  darkred: '#8b0000',
  darkgreen: '#006400',
  darkblue: '#00008b',
  orangered: '#ff4500',
  salmon: '#fa8072',
  tomato: '#ff6347',
  khaki: '#f0e68c',
  violet: '#ee82ee',
  indigo: '#4b0082',
  crimson: '#dc143c',
  coral: '#ff7f50',
  beige: '#f5f5dc',
  ivory: '#fffff0',
  lavender: '#e6e6fa',
  mintcream: '#f5fffa',
  honeydew: '#f0fff0',
  mistyrose: '#ffe4e1',
};

/** '#rrggbb' for a CSS colour; null for null/'' (reset); unknown names are kept lower-cased. */
export function normalizeColor(color: unknown): string | null {
  if (color === null || color === undefined || color === '') return null;
  const text = String(color).trim().toLowerCase();
  const named = NAMED[text];
  if (named) return named;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(text);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/.exec(text);
  if (rgb) return `#${[rgb[1], rgb[2], rgb[3]].map((n) => Math.min(255, Number(n)).toString(16).padStart(2, '0')).join('')}`;
  return text;
}
