import { readFileSync } from 'node:fs';
import { demoName, household, surnameCount } from './demo-people.js';
import type { DemoLanguage } from './demo-wording.js';
import { demoWords } from './demo-words.js';

interface TemplateActivity {
  category: string;
  format: string;
  title: string;
  window?: [string, string];
  repeat?: 'twice-a-quarter' | 'quarterly' | 'monthly';
  venue?: string;
  lecturer?: string;
  audience?: string;
  partnerUnits?: string[];
}

interface PlanTemplate {
  communityName: string;
  title: string;
  organizingGroup: unknown;
  targets: Record<string, unknown>[];
  activities: TemplateActivity[];
}

/** Every `{ "zh-CN": …, "en": … }` of the template read in one language. */
function inLanguage(value: unknown, lang: DemoLanguage): unknown {
  if (Array.isArray(value)) return value.map((item) => inLanguage(item, lang));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record['zh-CN'] === 'string' && typeof record.en === 'string') return record[lang];
  return Object.fromEntries(
    Object.entries(record)
      .filter(([key]) => key !== '$comment')
      .map(([key, item]) => [key, inLanguage(item, lang)]),
  );
}

/** The seed plan in one language: Chinese, the committee's own, unless English is asked for. */
export function loadPlanTemplate(lang: DemoLanguage = 'zh-CN'): PlanTemplate {
  const raw = JSON.parse(readFileSync(new URL('./plan-template.json', import.meta.url), 'utf8'));
  return inLanguage(raw, lang) as PlanTemplate;
}

/** A small deterministic PRNG (mulberry32): the same demo every time. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A generator of its own for each thing the demo draws (an activity's attendees, a class's
 * sign-ins): writes run concurrently, so one shared generator would hand out its numbers in
 * whatever order the answers came back, and every seed would differ (894 sign-ins, then 821).
 */
export function randomFor(year: number, what: string) {
  let hash = 0x811c9dc5 ^ year;
  for (const char of what) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return random(hash);
}

/** Deterministic shuffle (Fisher–Yates): `sort(() => rnd() - 0.5)` depends on the engine's sort. */
export function shuffled<T>(items: readonly T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One concrete activity of the year: the template item, its window, and its place in a series. */
export interface DemoActivity extends Omit<TemplateActivity, 'window' | 'repeat'> {
  window: { start: string; end: string };
}

/**
 * The template's activities for a year, in the template's language. `gap` marks the one the demo
 * cancels (the second study session of Q3), so compliance has a missed quarter to show.
 */
export function expandActivities(
  template: PlanTemplate,
  year: number,
  lang: DemoLanguage = 'zh-CN',
): (DemoActivity & { gap?: true })[] {
  const words = demoWords[lang];
  const out: (DemoActivity & { gap?: true })[] = [];
  for (const { repeat, window, ...item } of template.activities) {
    const at = (month: number, from: number, to: number) => ({
      start: `${year}-${pad(month)}-${pad(from)}`,
      end: `${year}-${pad(month)}-${pad(to)}`,
    });
    if (repeat === 'twice-a-quarter') {
      for (let q = 1; q <= 4; q++) {
        out.push({ ...item, title: words.twiceAQuarter(item.title, q, 1), window: at(q * 3 - 2, 8, 20) });
        out.push({
          ...item,
          title: words.twiceAQuarter(item.title, q, 2),
          window: at(q * 3 - 1, 8, 20),
          ...(q === 3 ? { gap: true as const } : {}),
        });
      }
    } else if (repeat === 'quarterly') {
      for (let q = 1; q <= 4; q++)
        out.push({ ...item, title: words.quarterly(item.title, q), window: at(q * 3 - 1, 5, 25) });
    } else if (repeat === 'monthly') {
      for (let m = 1; m <= 12; m++)
        out.push({ ...item, title: words.monthly(item.title, year, m), window: at(m, 10, 20) });
    } else if (window) {
      out.push({ ...item, window: { start: `${year}-${window[0]}`, end: `${year}-${window[1]}` } });
    }
  }
  return out;
}

/**
 * Synthetic residents in households on a twelve-building estate: made-up names, no real person's
 * data; a household shares a flat and (but for a spouse) a surname. Names are unique, so a sheet's
 * names can be told apart.
 */
export function demoResidents(count: number, partyMembers: number, lang: DemoLanguage = 'zh-CN') {
  const rnd = random(7);
  const residents: {
    name: string;
    householdId: string;
    building: string;
    partyMember: boolean;
    branch?: string;
  }[] = [];
  const taken = new Set<string>();
  let flats = 0;
  while (residents.length < count) {
    flats++;
    const building = 1 + (flats % 12);
    const home = household(
      building,
      1 + Math.floor(rnd() * 3),
      100 * (1 + Math.floor(rnd() * 6)) + 1 + Math.floor(rnd() * 4),
    );
    if (taken.has(`home ${home.householdId.en}`)) continue;
    taken.add(`home ${home.householdId.en}`);
    const surname = Math.floor(rnd() * surnameCount);
    const size = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < size && residents.length < count; i++) {
      let person = demoName(rnd, i === 1 ? undefined : surname);
      while (taken.has(person.name.en)) person = demoName(rnd, i === 1 ? undefined : surname);
      taken.add(person.name.en);
      residents.push({
        name: person.name[lang],
        householdId: home.householdId[lang],
        building: home.building[lang],
        partyMember: false,
      });
    }
  }
  // Spread party members over the roster, in three branches.
  const step = Math.floor(count / partyMembers);
  for (let i = 0; i < partyMembers; i++) {
    const r = residents[i * step]!;
    r.partyMember = true;
    r.branch = demoWords[lang].branches[i % 3]!;
  }
  return residents;
}
