/** When a session of this format starts, local time: study in the afternoon, classes at night. */
const SESSION_START: Record<string, string> = {
  'study-session': '14:30',
  seminar: '14:30',
  lecture: '09:30',
  class: '19:00',
  performance: '19:30',
  competition: '15:00',
};

/**
 * The held session of a past activity: a day inside its window (before today) and a start time;
 * residents sign in as they arrive, in the session's first half hour.
 */
export function heldSession(
  window: { start: string; end: string },
  format: string,
  now: Date,
  rnd: () => number,
) {
  const first = Date.parse(`${window.start}T00:00:00+08:00`);
  const last = Math.min(Date.parse(`${window.end}T00:00:00+08:00`), now.getTime() - 86_400_000);
  const days = Math.max(0, Math.floor((last - first) / 86_400_000));
  const day = new Date(first + Math.floor(rnd() * (days + 1)) * 86_400_000 + 8 * 3_600_000)
    .toISOString()
    .slice(0, 10);
  const start = SESSION_START[format] ?? '09:00';
  const startsAt = Date.parse(`${day}T${start}:00+08:00`);
  return {
    day,
    startsAt: new Date(startsAt).toISOString(),
    signInAt: (n: number) => new Date(startsAt + n * 50_000 + Math.floor(rnd() * 45_000)).toISOString(),
  };
}
