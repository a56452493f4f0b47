import type { Locale } from '../../../domain/reports/locale.js';

/** What the pages say before their script runs, or instead of it (a QR code that leads nowhere). */
export interface PageWording {
  readonly checkInTitle: string;
  readonly kioskTitle: string;
  readonly signedInTitle: string;
  readonly loading: string;
  readonly needsScript: string;
  readonly ticketInvalid: { readonly heading: string; readonly text: string };
  readonly ticketExpired: (closed: string) => { readonly heading: string; readonly text: string };
  readonly ticketMissing: { readonly heading: string; readonly text: string };
  /** A date-time as the reader reads it, in the zone the check-in page shows. */
  readonly time: (instant: string, timeZone: string) => string;
}

const dateTime = (locale: Locale) => (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));

const zh: PageWording = {
  checkInTitle: '活动签到',
  kioskTitle: '签到台',
  signedInTitle: '正在登录',
  loading: '正在加载……',
  needsScript: '签到页面需要启用 JavaScript。',
  ticketInvalid: {
    heading: '此二维码无效',
    text: '这个签到码不是本社区签到表上的，或已损坏。请扫描活动现场签到表上的二维码，或请工作人员为您签到。',
  },
  ticketExpired: (closed) => ({
    heading: '签到已结束',
    text: `这张签到表的签到已于 ${closed} 结束，二维码已失效。如需补签，请联系活动组织者。`,
  }),
  ticketMissing: {
    heading: '缺少签到码',
    text: '请用手机相机扫描签到表上的二维码打开本页。',
  },
  time: dateTime('zh-CN'),
};

const en: PageWording = {
  checkInTitle: 'Check in',
  kioskTitle: 'Check-in desk',
  signedInTitle: 'Signing in',
  loading: 'Loading…',
  needsScript: 'The check-in page needs JavaScript.',
  ticketInvalid: {
    heading: 'This QR code is not valid',
    text: "This check-in code is not from one of this community's sign-in sheets, or it is damaged. Scan the code on the sheet at the activity, or ask an organizer to check you in.",
  },
  ticketExpired: (closed) => ({
    heading: 'Check-in has closed',
    text: `Check-in for this sign-in sheet closed at ${closed}, and its QR code no longer works. To be signed in afterwards, ask the activity's organizer.`,
  }),
  ticketMissing: {
    heading: 'No check-in code',
    text: "Open this page by scanning the QR code on the activity's sign-in sheet with your phone's camera.",
  },
  time: dateTime('en'),
};

export const pageWording = (locale: Locale): PageWording => (locale === 'en' ? en : zh);
