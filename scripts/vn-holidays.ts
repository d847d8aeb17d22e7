// Prints the Vietnamese public holidays of a range of years as SQL VALUES rows, for a migration.
// `npx tsx scripts/vn-holidays.ts 2025 2030`. Rules (Bộ luật Lao động 2019, art. 112 and 111(3)):
// 1/1; Tết 5 days (the last day of the lunar year and the first four of the new one) unless the
// government's decision for that year is known (OFFICIAL_TET); Giỗ Tổ Hùng Vương 10/3 lunar;
// 30/4 and 1/5; 2/9 plus one adjacent day; a holiday falling on a weekend is compensated on the
// next working day. Swaps decided year by year are not predicted: edit the table when announced.
import { lunarToSolar, tetDate } from '../src/sla/lunar.js';

const OFFICIAL_TET: Record<number, [string, string]> = {
  2025: ['2025-01-25', '2025-02-02'], // the government's decision: 9 days, 25/1–2/2/2025
  2026: ['2026-02-14', '2026-02-22'], // 9 days, 14/2–22/2/2026
};

const DAY = 86_400_000;
const toDate = (s: string) => new Date(`${s}T00:00:00Z`);
const key = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (s: string, n: number) => key(new Date(toDate(s).getTime() + n * DAY));
const weekday = (s: string) => toDate(s).getUTCDay(); // 0 Sunday … 6 Saturday
const isWeekend = (s: string) => weekday(s) === 0 || weekday(s) === 6;

export function vietnameseHolidays(year: number): Map<string, string> {
  const days = new Map<string, string>();
  const add = (day: string, name: string) => {
    if (!days.has(day)) days.set(day, name);
  };
  const compensable: string[] = [];
  const fixed = (day: string, name: string) => {
    add(day, name);
    compensable.push(day);
  };
  fixed(`${year}-01-01`, 'Tết Dương lịch');
  const official = OFFICIAL_TET[year];
  if (official) {
    for (let d = official[0]; d <= official[1]; d = addDays(d, 1)) add(d, 'Tết Nguyên Đán');
  } else {
    const tet = tetDate(year);
    for (let i = -1; i <= 3; i++) fixed(addDays(tet, i), 'Tết Nguyên Đán');
  }
  fixed(lunarToSolar(10, 3, year), 'Giỗ Tổ Hùng Vương');
  fixed(`${year}-04-30`, 'Ngày Chiến thắng');
  fixed(`${year}-05-01`, 'Ngày Quốc tế Lao động');
  fixed(`${year}-09-02`, 'Quốc khánh');
  // The adjacent day bridges to the weekend when it can: 2/9 on a Tuesday or Saturday → 1/9, else 3/9.
  const national = weekday(`${year}-09-02`);
  fixed(national === 2 || national === 6 ? `${year}-09-01` : `${year}-09-03`, 'Quốc khánh (ngày liền kề)');
  for (const day of compensable.sort()) {
    if (!isWeekend(day)) continue;
    let next = addDays(day, 1);
    while (isWeekend(next) || days.has(next)) next = addDays(next, 1);
    add(next, `Nghỉ bù (${days.get(day)})`);
  }
  return new Map([...days].sort(([a], [b]) => a.localeCompare(b)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const from = Number(process.argv[2] ?? 2025);
  const to = Number(process.argv[3] ?? from);
  const rows: string[] = [];
  for (let y = from; y <= to; y++) for (const [day, name] of vietnameseHolidays(y)) rows.push(`  ('${day}', '${name}')`);
  process.stdout.write(`${rows.join(',\n')};\n`);
}
