import type { Window } from '../../events/index.js';
import { escapeHtml } from './render.js';
import type { Wording } from './wording.js';

/** Who is told, about which activity, from which community. */
export interface PromotionNoticeInput {
  readonly communityName: string;
  readonly residentName: string;
  readonly activity: { readonly title: string; readonly window: Window; readonly venue?: string };
}

/**
 * The email to a resident given a place from the waitlist, in the plan's language: which activity,
 * when and where, and a word on cancelling so the place goes on to the next in line.
 */
export function promotionNotice(input: PromotionNoticeInput, w: Wording) {
  const p = w.t.promotion;
  const { activity } = input;
  const when = `${w.dateTime(activity.window.start)} – ${w.dateTime(activity.window.end)}`;
  const lines = [
    p.greeting(input.residentName),
    p.placeGiven(activity.title, when, activity.venue),
    p.ifYouCannotCome,
    input.communityName,
  ];
  return {
    subject: p.subject(activity.title),
    text: `${lines.join('\n\n')}\n`,
    html: `<!doctype html>
<html lang="${w.locale}"><head><meta charset="utf-8"><title>${escapeHtml(p.subject(activity.title))}</title></head>
<body style="font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',Arial,sans-serif;font-size:14px;color:#101828;">
${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
</body></html>
`,
  };
}
