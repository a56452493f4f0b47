import type { DemoWords } from './demo-wording.js';

/** The demo's words in English (`--lang en`): the same people, places and records. */
export const en: DemoWords = {
  twiceAQuarter: (title, q, n) => `${title} — Q${q} no. ${n}`,
  quarterly: (title, q) => `${title} — Q${q}`,
  monthly: (title, year, month) => `${title} — ${year}-${String(month).padStart(2, '0')}`,
  heldSummary: (title, n) =>
    `${title}: held as planned; ${n} residents signed in and the photos and records were filed.`,
  cancelReason: 'typhoon warning',
  article: (kind, n) =>
    kind === 'research-report'
      ? `Research report on community culture no. ${n}`
      : `Theoretical article on the core values no. ${n}`,
  articleAbstract: 'How the community integrated cultural service station serves residents.',
  articleBody: 'Close to the actual, close to life, close to the masses. '.repeat(40),
  reviewComments: 'Reviewed by the branch.',
  deeds: [
    {
      title: 'Helped an elderly neighbour through the typhoon',
      description: 'Moved her belongings upstairs before the flood.',
      monthDay: '08-12',
    },
    {
      title: 'Returned a lost wallet to its owner',
      description: 'Found on the community square and handed back.',
      monthDay: '03-21',
    },
    {
      title: 'Swept the stairwells after the cold snap',
      description: 'Cleared the stairs and entrances.',
      monthDay: '01-26',
    },
    {
      title: "Looked after a sick neighbour's child",
      description: 'Took the child to school while the neighbour was in hospital.',
      monthDay: '05-09',
    },
    {
      title: 'Organized residents to plant trees',
      description: 'Led a dozen households planting on the estate’s open ground.',
      monthDay: '04-02',
    },
    {
      title: 'Donated books to the community library',
      description: 'Over a hundred books from the family’s shelves.',
      monthDay: '10-17',
    },
  ],
  model: { citation: 'Looks after the elderly of building 4.' },
  classSeries: {
    title: 'Civilization school class',
    venue: 'Community integrated cultural service station',
    lecturer: 'Civilization school lecturer',
    trainingPlan: 'Civic morality, safety and neighbourhood etiquette',
  },
  classSummary: (month, n) =>
    `Civilization school class of ${month}: held as planned; ${n} residents signed in and the records were filed.`,
  librarySeries: { title: 'Regular opening of the community library', venue: 'Community library' },
  librarySummary: (n) => `Open all day; books lent and returned; ${n} residents signed in.`,
  studyTarget: 'Every party member attends or makes up every centralized study session',
  leaveReason: 'On a business trip',
  leaveNote: 'Make it up at the next session',
  rotation: {
    title: 'Rotating performances by the units and schools of the area',
    participants: [
      { key: 'primary-school', name: 'Venus Primary School', kind: 'school' },
      { key: 'kindergarten', name: 'Sunflower Kindergarten', kind: 'school' },
      { key: 'middle-school', name: 'No. 2 Middle School', kind: 'school' },
      { key: 'police-station', name: 'Area police station', kind: 'unit' },
      { key: 'health-center', name: 'Community health service center', kind: 'unit' },
    ],
    gala: "New Year's Eve gala",
  },
  book: {
    title: 'Ordinary World',
    author: 'Lu Yao',
    recommendedBy: 'Community library',
    reason: 'Family reading project: a book for three generations',
    review: 'Read it with my family over the summer.',
  },
  essay: {
    title: 'Reading Ordinary World with my family',
    body: 'What a family learns from the Sun brothers. '.repeat(20),
  },
  sports: {
    target: 'Every sports equipment item inspected each month',
    venue: { name: 'Three street corners square', location: 'Corner of Venus Road and Garden Street' },
    items: { walker: 'Twist walker', bar: 'Pull-up bar', table: 'Table tennis table' },
    inspector: 'Street sports bureau inspector',
    loose: 'bar loose in its socket',
    repairer: 'District sports bureau',
    repair: 'socket re-welded',
    coach: 'Coach Liu Fang',
    specialty: 'square dance',
    topics: ['Scientific fitness: warming up and stretching', 'Square dance practice point guidance'],
  },
  round: {
    title: 'Good family style collection and evaluation',
    criteria: [
      'Filial piety and family virtue',
      'Neighbourliness and public service',
      "Children's education and reading",
    ],
    family: (surname) => `${surname} family`,
    motto: 'Diligence and kindness pass from generation to generation',
    story: 'Three generations under one roof, volunteers at the library and the square dance team.',
  },
  branches: ['First branch', 'Second branch', 'Third branch'],
};
