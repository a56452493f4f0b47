import type { Messages } from './messages.js';

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** English, for readers who ask for it (`Accept-Language: en`) and plans that choose it. */
export const en: Messages = {
  category: {
    publicity: 'Publicity',
    'party-education': 'Party education',
    'civic-education': 'Civic education',
    festival: 'Festivals',
    'science-popularization': 'Science popularization',
    'legal-education': 'Legal education',
    'sports-fitness': 'Sports and fitness',
    'library-reading': 'Library and reading',
    'youth-practice': 'Youth practice',
    'civilization-school': 'Civilization school',
    performance: 'Performances',
  },
  format: {
    'study-session': 'Study session',
    seminar: 'Seminar',
    lecture: 'Lecture',
    class: 'Class',
    performance: 'Performance',
    competition: 'Competition',
    exhibition: 'Exhibition',
    visit: 'Visit',
    publicity: 'Publicity',
    reading: 'Reading',
    practice: 'Practice',
    other: 'Other',
  },
  status: { met: 'met', missed: 'missed', 'at-risk': 'at risk', open: 'open' },
  roundState: {
    'nominations-open': 'nominations open',
    scoring: 'scoring',
    'scoring-closed': 'scoring closed',
  },
  articleKind: {
    'theory-article': 'Theory article',
    'research-report': 'Research report',
    'reading-essay': 'Reading essay',
  },
  verdict: {
    quality: 'quality',
    accepted: 'accepted',
    'needs-revision': 'needs revision',
    rejected: 'rejected',
  },
  period: (p) =>
    p.kind === 'year'
      ? String(p.year)
      : p.kind === 'quarter'
        ? `Q${p.quarter} ${p.year}`
        : `${monthNames[p.month - 1]} ${p.year}`,
  none: 'None.',
  report: {
    subject: (community, period) => `${community}: cultural services report for ${period}`,
    intro: (period, from, to, timeZone, asOf) =>
      `Report for ${period} (${from} to ${to}, ${timeZone}), as of ${asOf}.`,
    byCategory: 'Activities planned and held, by category',
    chartLegend: 'Grey: planned. Blue: held.',
    signIns: (signIns, residents) => `Sign-ins: ${signIns}, by ${residents} residents.`,
    registrations: (registered, waitlisted, cancelled) =>
      `Registrations: ${registered} with a place, ${waitlisted} on the waitlist, ${cancelled} cancelled.`,
    held: 'Activities held',
    heldColumns: {
      date: 'Date',
      title: 'Activity',
      category: 'Category',
      venue: 'Venue',
      lecturer: 'Lecturer',
      signIns: 'Sign-ins',
      summary: 'Summary',
    },
    standing: 'Where the plan stands',
    standingColumns: { target: 'Target', period: 'Period', actual: 'Actual / required', status: 'Status' },
    was: (status) => ` (was ${status})`,
    shortOfArticle: 'Party members still short of a quality article',
    familyStyle: 'Good family style',
    round: (title, state, nominations) => `${title}: ${state}, ${nominations} nominations`,
    leading: (list) => `; leading: ${list}`,
    leaderScore: (name, final) => `${name} (${final})`,
    household: (familyName, householdId) => `${familyName} (household ${householdId})`,
    goodDeeds: 'Good deeds',
    sports: "Sports instructors' sessions",
    instructorLine: (name, specialty, sessions, participants) =>
      `${name} (${specialty}): ${sessions} sessions, ${participants} participants`,
    overdueEquipment: 'Sports equipment overdue for inspection or repair',
    overdueLine: (venue, item, reasons) => `${venue} · ${item}: ${reasons}`,
    overdueReason: {
      'never-inspected': 'never inspected since installed',
      'inspection-due': 'inspection overdue',
      'needs-repair': 'needs repair',
      unsafe: 'unsafe',
    },
    plannedFor: (period) => `Planned for ${period}`,
    plannedItem: (date, title, category) => `${date} ${title} (${category})`,
    ledger: (through, commits, digest) =>
      `These figures were computed from the ${commits} records of the ledger up to ${through}, whose digest is ${digest}. Anyone may have them checked: the community's auditor verifies this digest against the ledger, and if it verifies, none of the records behind this report has been changed since.`,
    ledgerEmpty: 'The ledger holds no record yet.',
    planned: 'planned',
    heldShort: 'held',
  },
  signInSheet: {
    title: (activityTitle) => `${activityTitle}: sign-in sheet`,
    date: 'Date',
    venue: 'Venue',
    lecturer: 'Lecturer',
    category: 'Category',
    organizer: 'Organizer',
    number: 'No.',
    name: 'Name',
    building: 'Building',
    signature: 'Signature',
    time: 'Signed in at',
    registered: (count, waitlisted) =>
      `${count} registered${waitlisted > 0 ? `, ${waitlisted} on the waitlist` : ''}`,
    onWaitlist: (name) => `${name} (waitlist)`,
    scanToCheckIn: 'Scan to check in',
    erased: '(erased)',
  },
  promotion: {
    subject: (title) => `You have a place: ${title}`,
    greeting: (name) => `Dear ${name},`,
    placeGiven: (title, when, venue) =>
      `A place was freed and given to you from the waitlist: you are now registered for "${title}", ${when}${venue ? `, at ${venue}` : ''}.`,
    ifYouCannotCome:
      'If you cannot come, please cancel before it starts, so that the next resident in line gets the place.',
  },
  ledger: {
    title: (planTitle, year) => `${planTitle}: work ledger ${year}`,
    activities: 'Activities',
    trainingPlan: 'Training plan',
    summary: 'Summary',
    signedIn: 'Signed in',
    headcount: 'Counted on the day',
    counted: (headcount, signedIn) =>
      headcount > signedIn
        ? `${headcount} (${headcount - signedIn} without signing in)`
        : `${headcount} (fewer than signed in)`,
    signIns: 'Sign-ins',
    noSignIns: 'No sign-ins recorded',
    articles: "Party members' articles",
    author: 'Author',
    kind: 'Kind',
    review: 'Review',
    written: 'Written',
    goodDeeds: 'Good deeds',
    people: 'Residents',
    notHeld: '(not held)',
  },
  footer: (community) => `${community} · page {page} of {pages}`,
};
