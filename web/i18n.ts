/** What the pages say, Chinese first; English when the server chose it from Accept-Language. */
const zh = {
  checkIn: '签到',
  signInHeading: '请先登录',
  signInText: '签到需要确认您的居民身份。',
  signInButton: '登录',
  devSignInLabel: '开发环境登录：粘贴令牌',
  devSignInHint: (role: string) =>
    `在项目目录运行 npm run token -- --role ${role} --sub <居民编号>，把输出粘贴到这里。`,
  signOut: '退出登录',
  notResident: '这个账号不是居民账号，不能为自己签到。请用居民账号登录。',
  sessionEnded: '登录已过期，请重新登录。',
  registered: '您已报名此活动。',
  notRegistered: '您没有报名此活动，仍可签到。',
  window: (from: string, to: string) => `活动时间：${from} – ${to}`,
  checkInOpen: (from: string, to: string) => `签到时间：${from} – ${to}`,
  venue: (venue: string) => `地点：${venue}`,
  done: '签到成功',
  recordedAt: (time: string) => `签到时间：${time}`,
  already: '您已签到',
  tooEarly: (opens: string) => `签到尚未开始，将于 ${opens} 开放。`,
  tooLate: (closes: string) => `签到已于 ${closes} 结束。如需补签，请联系活动组织者。`,
  cancelled: '此活动已取消。',
  ticketInvalid: '此二维码无效。请扫描活动现场签到表上的二维码。',
  ticketStale: '活动时间已调整，这张签到表已作废。请扫描新签到表上的二维码。',
  offline: '网络不可用，请稍后再试。',
  failed: (detail: string) => `签到未成功：${detail}`,
  retry: '重试',
  loading: '正在加载……',
  // The kiosk
  kiosk: '签到台',
  kioskSignInText: '签到台由活动组织者登录一次，之后居民在这台设备上签到。',
  search: '输入姓名查找',
  nobodyFound: '没有找到。未报名的居民请在下方登记。',
  walkIn: '现场登记（未报名）',
  walkInName: '姓名',
  walkInHousehold: '户号（如 3-2-501）',
  walkInAdd: '登记并签到',
  checkedIn: '已签到',
  tapToCheckIn: '点击签到',
  waiting: (n: number) => (n === 0 ? '全部已发送' : `${n} 条签到等待发送`),
  onlineNow: '在线',
  offlineNow: '离线：签到先保存在本机，联网后自动发送',
  sentFailed: (name: string, detail: string) => `${name} 的签到未被接受：${detail}`,
  registeredCount: (n: number) => `报名 ${n} 人`,
  needsReload: '签到台需要联网打开一次，之后断网也能使用。',
  erased: '（已删除）',
};

export type Wording = typeof zh;

const en: Wording = {
  checkIn: 'Check in',
  signInHeading: 'Sign in first',
  signInText: 'Checking in needs to know which resident you are.',
  signInButton: 'Sign in',
  devSignInLabel: 'Development sign-in: paste a token',
  devSignInHint: (role: string) =>
    `In the project folder run npm run token -- --role ${role} --sub <residentId> and paste what it prints here.`,
  signOut: 'Sign out',
  notResident: 'This account is not a resident’s: it cannot check itself in. Sign in as a resident.',
  sessionEnded: 'Your sign-in has expired: sign in again.',
  registered: 'You registered for this activity.',
  notRegistered: 'You did not register for this activity; you can still check in.',
  window: (from: string, to: string) => `When: ${from} – ${to}`,
  checkInOpen: (from: string, to: string) => `Check-in: ${from} – ${to}`,
  venue: (venue: string) => `Where: ${venue}`,
  done: 'You are checked in',
  recordedAt: (time: string) => `Checked in at ${time}`,
  already: 'You have already checked in',
  tooEarly: (opens: string) => `Check-in has not opened yet: it opens at ${opens}.`,
  tooLate: (closes: string) => `Check-in closed at ${closes}. To be signed in afterwards, ask the organizer.`,
  cancelled: 'This activity was cancelled.',
  ticketInvalid: 'This QR code is not valid. Scan the code on the sign-in sheet at the activity.',
  ticketStale:
    'The activity was moved, and this sign-in sheet no longer works. Scan the code on the new sheet.',
  offline: 'No network: try again in a moment.',
  failed: (detail: string) => `The check-in did not go through: ${detail}`,
  retry: 'Try again',
  loading: 'Loading…',
  kiosk: 'Check-in desk',
  kioskSignInText: 'An organizer signs this desk in once; residents then check in on this device.',
  search: 'Type a name to find it',
  nobodyFound: 'Nobody found. Residents who did not register: add them below.',
  walkIn: 'Walk-in (not registered)',
  walkInName: 'Name',
  walkInHousehold: 'Household (e.g. 3-2-501)',
  walkInAdd: 'Add and check in',
  checkedIn: 'Checked in',
  tapToCheckIn: 'Tap to check in',
  waiting: (n: number) =>
    n === 0 ? 'Everything is sent' : `${n} check-in${n === 1 ? '' : 's'} waiting to be sent`,
  onlineNow: 'Online',
  offlineNow: 'Offline: check-ins are kept on this device and sent when the network returns',
  sentFailed: (name: string, detail: string) => `${name}'s check-in was not accepted: ${detail}`,
  registeredCount: (n: number) => `${n} registered`,
  needsReload: 'Open the desk once while online; after that it works offline too.',
  erased: '(erased)',
};

export const lang = document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
export const t: Wording = lang === 'en' ? en : zh;

/** A time as the reader reads it, in the activity's zone. */
export function timeOf(instant: string, timeZone: string, withDate = true): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone,
    ...(withDate ? { month: 'long', day: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}
