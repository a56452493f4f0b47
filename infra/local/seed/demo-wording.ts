/**
 * The demo's own words, in the committee's language first (the seed plan is a Chinese committee's
 * plan) and in English for `--lang en`. Everything a reader sees in the demo — names of people and
 * places, summaries, articles, the rotation's units — comes from here or from plan-template.json.
 */
export type DemoLanguage = 'zh-CN' | 'en';
export const demoLanguages: readonly DemoLanguage[] = ['zh-CN', 'en'];

/** `--lang en` (or `--lang=en`) among a command's arguments; Chinese without one; anything else is refused. */
export function demoLanguageArgument(argv: readonly string[]): DemoLanguage {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (at < 0) return 'zh-CN';
  const value = argv[at]!.includes('=') ? argv[at]!.slice('--lang='.length) : argv[at + 1];
  const lang = demoLanguages.find((l) => l.toLowerCase() === value?.toLowerCase());
  if (!lang) throw new Error(`--lang ${value ?? ''}: the demo speaks ${demoLanguages.join(' or ')}`);
  return lang;
}

export interface DemoWords {
  readonly twiceAQuarter: (title: string, quarter: number, nth: number) => string;
  readonly quarterly: (title: string, quarter: number) => string;
  readonly monthly: (title: string, year: number, month: number) => string;
  readonly heldSummary: (title: string, signedIn: number) => string;
  readonly cancelReason: string;
  readonly article: (kind: 'theory-article' | 'research-report', n: number) => string;
  readonly articleAbstract: string;
  readonly articleBody: string;
  readonly reviewComments: string;
  readonly deeds: readonly { title: string; description: string; monthDay: string }[];
  readonly model: { citation: string };
  readonly classSeries: { title: string; venue: string; lecturer: string; trainingPlan: string };
  readonly classSummary: (month: string, signedIn: number) => string;
  readonly librarySeries: { title: string; venue: string };
  readonly librarySummary: (signedIn: number) => string;
  readonly studyTarget: string;
  readonly leaveReason: string;
  readonly leaveNote: string;
  readonly rotation: {
    title: string;
    participants: readonly { key: string; name: string; kind: 'unit' | 'school' }[];
    gala: string;
  };
  readonly book: { title: string; author: string; recommendedBy: string; reason: string; review: string };
  readonly essay: { title: string; body: string };
  readonly sports: {
    target: string;
    venue: { name: string; location: string };
    items: { walker: string; bar: string; table: string };
    inspector: string;
    loose: string;
    repairer: string;
    repair: string;
    coach: string;
    specialty: string;
    topics: readonly [string, string];
  };
  readonly round: {
    title: string;
    criteria: readonly [string, string, string];
    family: (surname: string) => string;
    motto: string;
    story: string;
  };
  readonly branches: readonly [string, string, string];
}
