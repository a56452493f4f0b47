import type { Printable } from '../../../domain/reports/printable.js';

/** Residents with Chinese names, as a sign-in sheet lists them. */
export const names = Array.from(
  { length: 80 },
  (_, i) =>
    `${['张', '李', '王', '刘', '陈', '杨', '赵', '黄'][i % 8]}${['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军'][i % 10]}${i + 1}`,
);

/** A sign-in sheet (签到表) long enough to run onto more pages, with every kind of block. */
export const signInSheet: Printable = {
  title: '2026年第三季度法治教育讲座签到表',
  language: 'zh-CN',
  footer: '第 {page} 页，共 {pages} 页',
  blocks: [
    {
      kind: 'fields',
      rows: [
        { label: '活动', value: '法治教育讲座：民法典与社区生活' },
        { label: '时间', value: '2026年8月10日 09:00–11:00' },
        { label: '地点', value: '社区党群服务中心三楼会议室' },
      ],
    },
    { kind: 'heading', level: 2, text: '签到名单' },
    { kind: 'paragraph', text: '请参加人员在本人姓名后签名；未报名者请在表末空行登记。', muted: true },
    {
      kind: 'table',
      columns: [
        { label: '序号', width: 0.6 },
        { label: '姓名', width: 2 },
        { label: '签名', width: 2.4 },
      ],
      rows: names.map((name, i) => [String(i + 1), name, '']),
      rowHeight: 24,
      blankRows: 6,
    },
    { kind: 'qr', data: 'https://ledger.example.org/check-in/01JABCDEF?活动=法治', caption: '扫码签到' },
    { kind: 'page-break' },
    { kind: 'heading', level: 3, text: '备注' },
    { kind: 'table', columns: [{ label: '事项', width: 1 }], rows: [] },
  ],
};
