import type { DemoLanguage, DemoWords } from './demo-wording.js';
import { en } from './demo-wording-en.js';

const quarterZh = ['一', '二', '三', '四'];

/** The demo's words in the committee's Chinese (the default). */
const zh: DemoWords = {
  twiceAQuarter: (title, q, n) => `${title}（第${quarterZh[q - 1]}季度第${n}次）`,
  quarterly: (title, q) => `${title}（第${quarterZh[q - 1]}季度）`,
  monthly: (title, year, month) => `${title}（${year}年${month}月）`,
  heldSummary: (title, n) => `${title}按计划开展，${n}名居民签到参加，活动照片和记录已归档。`,
  cancelReason: '台风预警，活动取消',
  article: (kind, n) =>
    kind === 'research-report'
      ? `社区文化建设调研报告（第${n}篇）`
      : `学习社会主义核心价值观的体会（第${n}篇）`,
  articleAbstract: '社区综合文化服务站如何更好地服务居民。',
  articleBody: '贴近实际、贴近生活、贴近群众，发挥文化引领风尚、教育人民、服务社会的作用。'.repeat(20),
  reviewComments: '支部已审阅。',
  deeds: [
    { title: '帮助独居老人度过台风', description: '台风来临前帮老人把家具搬到楼上。', monthDay: '08-12' },
    { title: '拾金不昧归还失主钱包', description: '在社区广场拾到钱包，交还失主。', monthDay: '03-21' },
    { title: '义务清扫楼道积雪', description: '寒潮过后清扫楼道和出入口。', monthDay: '01-26' },
    { title: '照料生病邻居的孩子', description: '邻居住院期间帮忙接送孩子上下学。', monthDay: '05-09' },
    { title: '组织居民义务植树', description: '带领十余户居民在小区空地植树。', monthDay: '04-02' },
    { title: '为社区图书室捐书', description: '捐出家中藏书一百余册。', monthDay: '10-17' },
  ],
  model: { citation: '常年照顾4号楼的独居老人。' },
  classSeries: {
    title: '文明学校课堂',
    venue: '社区综合文化服务站',
    lecturer: '文明学校讲师',
    trainingPlan: '社会公德、安全常识与邻里礼仪',
  },
  classSummary: (month, n) => `${month}文明学校课堂按计划开展，${n}名居民签到参加，记录已归档。`,
  librarySeries: { title: '社区图书室定期开放', venue: '社区图书室' },
  librarySummary: (n) => `全天开放，借还图书，${n}名居民签到。`,
  studyTarget: '每名党员参加或补学每一次集中学习',
  leaveReason: '出差',
  leaveNote: '下次集中学习时补学',
  rotation: {
    title: '辖区单位、学校轮流演出',
    participants: [
      { key: 'primary-school', name: '金星小学', kind: 'school' },
      { key: 'kindergarten', name: '向日葵幼儿园', kind: 'school' },
      { key: 'middle-school', name: '第二中学', kind: 'school' },
      { key: 'police-station', name: '辖区派出所', kind: 'unit' },
      { key: 'health-center', name: '社区卫生服务中心', kind: 'unit' },
    ],
    gala: '跨年联欢晚会',
  },
  book: {
    title: '平凡的世界',
    author: '路遥',
    recommendedBy: '社区图书室',
    reason: '家庭阅读项目：一本三代人共读的书',
    review: '暑假里和家人一起读完了。',
  },
  essay: { title: '和家人共读《平凡的世界》', body: '孙氏兄弟的故事让一家人懂得了奋斗。'.repeat(20) },
  sports: {
    target: '每件体育器材每月检查一次',
    venue: { name: '三岔路口健身广场', location: '金星路与花园街交叉口' },
    items: { walker: '扭腰器', bar: '单杠', table: '乒乓球台' },
    inspector: '街道体育站检查员',
    loose: '单杠底座松动',
    repairer: '区体育局',
    repair: '重新焊接底座',
    coach: '刘芳教练',
    specialty: '广场舞',
    topics: ['科学健身：热身与拉伸', '广场舞练习点指导'],
  },
  round: {
    title: '好家风征集评选',
    criteria: ['孝老爱亲、家庭美德', '邻里和睦、热心公益', '子女教育、书香家庭'],
    family: (surname) => `${surname}家`,
    motto: '勤俭善良，代代相传',
    story: '三代同堂，家人都是图书室和广场舞队的志愿者。',
  },
  branches: ['第一党支部', '第二党支部', '第三党支部'],
};

export const demoWords: Readonly<Record<DemoLanguage, DemoWords>> = { 'zh-CN': zh, en };
