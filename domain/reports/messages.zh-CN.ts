import type { Messages } from './messages.js';

const quarterNames = ['一', '二', '三', '四'];

/** 简体中文: the committee's own language, the default of scheduled reports. */
export const zhCN: Messages = {
  category: {
    publicity: '宣传',
    'party-education': '党员教育',
    'civic-education': '市民教育',
    festival: '节日活动',
    'science-popularization': '科普',
    'legal-education': '法治教育',
    'sports-fitness': '体育健身',
    'library-reading': '图书阅读',
    'youth-practice': '青少年实践',
    'civilization-school': '文明学校',
    performance: '文艺演出',
  },
  format: {
    'study-session': '学习会',
    seminar: '座谈会',
    lecture: '讲座',
    class: '培训课',
    performance: '演出',
    competition: '比赛',
    exhibition: '展览',
    visit: '参观',
    publicity: '宣传',
    reading: '阅读',
    practice: '实践',
    other: '其他',
  },
  status: { met: '已完成', missed: '未完成', 'at-risk': '有风险', open: '进行中' },
  roundState: { 'nominations-open': '推荐中', scoring: '评分中', 'scoring-closed': '评分已截止' },
  articleKind: { 'theory-article': '理论文章', 'research-report': '调研报告', 'reading-essay': '读书心得' },
  verdict: { quality: '优秀', accepted: '合格', 'needs-revision': '需修改', rejected: '不合格' },
  period: (p) =>
    p.kind === 'year'
      ? `${p.year}年`
      : p.kind === 'quarter'
        ? `${p.year}年第${quarterNames[p.quarter - 1]}季度`
        : `${p.year}年${p.month}月`,
  none: '无',
  report: {
    subject: (community, period) => `${community}：${period}文化服务工作报告`,
    intro: (period, from, to, timeZone, asOf) =>
      `报告期：${period}（${from} 至 ${to}，${timeZone}），统计截至 ${asOf}。`,
    byCategory: '各类活动计划与开展情况',
    chartLegend: '灰色：计划；蓝色：已开展。',
    signIns: (signIns, residents) => `签到 ${signIns} 人次，共 ${residents} 位居民。`,
    registrations: (registered, waitlisted, cancelled) =>
      `报名 ${registered} 人，候补 ${waitlisted} 人，取消报名 ${cancelled} 人。`,
    held: '本期开展的活动',
    heldColumns: {
      date: '日期',
      title: '活动',
      category: '类别',
      venue: '地点',
      lecturer: '主讲人',
      signIns: '签到',
      summary: '活动小结',
    },
    standing: '计划目标完成情况',
    standingColumns: { target: '目标', period: '期间', actual: '实际 / 要求', status: '状态' },
    was: (status) => `（原为${status}）`,
    shortOfArticle: '尚未提交优秀理论文章的党员',
    familyStyle: '“好家风”评选',
    round: (title, state, nominations) => `${title}：${state}，共 ${nominations} 户推荐`,
    leading: (list) => `；暂列前位：${list}`,
    leaderScore: (name, final) => `${name}（${final} 分）`,
    household: (familyName, householdId) => `${familyName}（户号 ${householdId}）`,
    goodDeeds: '好人好事',
    sports: '社会体育指导员本期指导情况',
    instructorLine: (name, specialty, sessions, participants) =>
      `${name}（${specialty}）：指导 ${sessions} 次，${participants} 人次`,
    overdueEquipment: '逾期未检或待修的健身器材',
    overdueLine: (venue, item, reasons) => `${venue} · ${item}：${reasons}`,
    overdueReason: {
      'never-inspected': '安装后从未检查',
      'inspection-due': '超过检查周期',
      'needs-repair': '待维修',
      unsafe: '存在安全隐患',
    },
    plannedFor: (period) => `${period}计划开展的活动`,
    plannedItem: (date, title, category) => `${date} ${title}（${category}）`,
    ledger: (through, commits, digest) =>
      `本报告的数字依据台账截至 ${through} 的 ${commits} 条记录生成，账本摘要为 ${digest}。如需核对，请社区审计员用此摘要核验台账：核验通过，即说明本报告所依据的记录此后未被改动。`,
    ledgerEmpty: '台账尚无记录。',
    planned: '计划',
    heldShort: '已开展',
  },
  signInSheet: {
    title: (activityTitle) => `${activityTitle} 签到表`,
    date: '日期',
    venue: '地点',
    lecturer: '主讲人',
    category: '类别',
    organizer: '主办单位',
    number: '序号',
    name: '姓名',
    building: '楼栋',
    signature: '签名',
    time: '签到时间',
    registered: (count, waitlisted) => `已报名 ${count} 人${waitlisted > 0 ? `，候补 ${waitlisted} 人` : ''}`,
    onWaitlist: (name) => `${name}（候补）`,
    scanToCheckIn: '扫码签到',
    erased: '（已删除）',
  },
  promotion: {
    subject: (title) => `候补转正：您已获得「${title}」的名额`,
    greeting: (name) => `${name}，您好：`,
    placeGiven: (title, when, venue) =>
      `有居民取消了报名，您已从候补名单转为正式报名「${title}」。时间：${when}${venue ? `；地点：${venue}` : ''}。`,
    ifYouCannotCome: '如不能参加，请在活动开始前取消报名，把名额留给下一位候补居民。',
  },
  ledger: {
    title: (planTitle, year) => `${planTitle} ${year}年工作台账`,
    activities: '活动记录',
    trainingPlan: '培训计划',
    summary: '活动小结',
    signedIn: '签到人数',
    headcount: '现场清点人数',
    counted: (headcount, signedIn) =>
      headcount > signedIn
        ? `${headcount}（其中 ${headcount - signedIn} 人未签到）`
        : `${headcount}（少于签到人数）`,
    signIns: '签到名单',
    noSignIns: '无签到记录',
    articles: '党员理论文章',
    author: '作者',
    kind: '类型',
    review: '评审',
    written: '撰写日期',
    goodDeeds: '好人好事',
    people: '相关居民',
    notHeld: '（未开展）',
  },
  footer: (community) => `${community} · 第 {page} 页，共 {pages} 页`,
};
