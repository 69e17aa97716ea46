import { importXlsx } from '../runtime/xlsx';
const m = await importXlsx(process.argv[2]!);
for (const s of m.sheets) {
  if (process.argv[3] && s.name !== process.argv[3]) continue;
  console.log('==', s.name, 'frozen', s.frozenRows, 'cf', JSON.stringify(s.conditionalFormats).slice(0, 300));
  s.rows.forEach((r, i) => console.log(i + 1, JSON.stringify(r.map((c) => c ? (c.value instanceof Date ? c.value.toISOString().slice(0,10) : c.value) : ''))));
}
