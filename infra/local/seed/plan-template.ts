import { readFileSync } from 'node:fs';

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

export function loadPlanTemplate(): PlanTemplate {
  return JSON.parse(readFileSync(new URL('./plan-template.json', import.meta.url), 'utf8'));
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

const pad = (n: number) => String(n).padStart(2, '0');

/** One concrete activity of the year: the template item, its window, and its place in a series. */
export interface DemoActivity extends Omit<TemplateActivity, 'window' | 'repeat'> {
  window: { start: string; end: string };
}

export function expandActivities(template: PlanTemplate, year: number): DemoActivity[] {
  const out: DemoActivity[] = [];
  for (const { repeat, window, ...item } of template.activities) {
    const at = (month: number, from: number, to: number) => ({
      start: `${year}-${pad(month)}-${pad(from)}`,
      end: `${year}-${pad(month)}-${pad(to)}`,
    });
    if (repeat === 'twice-a-quarter') {
      for (let q = 0; q < 4; q++) {
        out.push({ ...item, title: `${item.title} — Q${q + 1} no. 1`, window: at(q * 3 + 1, 8, 20) });
        out.push({ ...item, title: `${item.title} — Q${q + 1} no. 2`, window: at(q * 3 + 2, 8, 20) });
      }
    } else if (repeat === 'quarterly') {
      for (let q = 0; q < 4; q++)
        out.push({ ...item, title: `${item.title} — Q${q + 1}`, window: at(q * 3 + 2, 5, 25) });
    } else if (repeat === 'monthly') {
      for (let m = 1; m <= 12; m++)
        out.push({ ...item, title: `${item.title} — ${year}-${pad(m)}`, window: at(m, 10, 20) });
    } else if (window) {
      out.push({ ...item, window: { start: `${year}-${window[0]}`, end: `${year}-${window[1]}` } });
    }
  }
  return out;
}

const surnames = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Huang',
  'Zhao',
  'Wu',
  'Zhou',
  'Xu',
  'Sun',
  'Ma',
  'Zhu',
  'Hu',
  'Guo',
  'He',
  'Lin',
  'Luo',
  'Gao',
];
const given = [
  'Wei',
  'Fang',
  'Na',
  'Min',
  'Jing',
  'Li',
  'Qiang',
  'Lei',
  'Jun',
  'Yang',
  'Yong',
  'Yan',
  'Jie',
  'Tao',
  'Ming',
  'Chao',
  'Xiu',
  'Hua',
  'Ping',
  'Gang',
];

/** Synthetic residents in households: made-up names, no real person's data. */
export function demoResidents(count: number, partyMembers: number) {
  const rnd = random(7);
  const residents: {
    name: string;
    householdId: string;
    building: string;
    partyMember: boolean;
    branch?: string;
  }[] = [];
  let household = 0;
  while (residents.length < count) {
    household++;
    const surname = surnames[Math.floor(rnd() * surnames.length)]!;
    const size = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < size && residents.length < count; i++) {
      residents.push({
        name: `${surname} ${given[Math.floor(rnd() * given.length)]!}${i > 0 ? ` ${i + 1}` : ''}`,
        householdId: `H-${String(household).padStart(3, '0')}`,
        building: String(1 + (household % 12)),
        partyMember: false,
      });
    }
  }
  // Spread party members over the roster, in three branches.
  const step = Math.floor(count / partyMembers);
  for (let i = 0; i < partyMembers; i++) {
    const r = residents[i * step]!;
    r.partyMember = true;
    r.branch = ['First branch', 'Second branch', 'Third branch'][i % 3]!;
  }
  return residents;
}
