/**
 * The instants an EventBridge Scheduler `cron(min hour day-of-month month day-of-week year)`
 * expression fires in UTC, for the subset the stack uses: numbers, `*`, lists, and `L` (last day of
 * the month) in day-of-month; `?` in day-of-week. Anything else throws, so a new expression is not
 * silently misread.
 */
export function cronFirings(expression: string, from: Date, to: Date): Date[] {
  const match = /^cron\((.+)\)$/.exec(expression);
  if (!match) throw new Error(`not a cron expression: ${expression}`);
  const [minutes, hours, days, months, weekdays, years] = match[1]!.split(' ');
  if (weekdays !== '?' || years !== '*') throw new Error(`unsupported fields in ${expression}`);
  const field = (text: string, value: number) =>
    text === '*' ||
    text.split(',').some((part) => {
      if (!/^\d+$/.test(part)) throw new Error(`unsupported part "${part}" in ${expression}`);
      return Number(part) === value;
    });
  const out: Date[] = [];
  for (let t = Math.ceil(from.getTime() / 60_000) * 60_000; t <= to.getTime(); t += 60_000) {
    const d = new Date(t);
    const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    const dayMatches = days === 'L' ? d.getUTCDate() === lastDay : field(days!, d.getUTCDate());
    if (
      field(minutes!, d.getUTCMinutes()) &&
      field(hours!, d.getUTCHours()) &&
      dayMatches &&
      field(months!, d.getUTCMonth() + 1)
    )
      out.push(d);
  }
  return out;
}
