/**
 * Renders one customer notice: subject, plain text and HTML, from the canonical order,
 * its status, the brand and the carriers' tracking URL templates. Pure apart from
 * reading the template files once (then cached); nothing is sent here.
 *
 * The subject is the first line of the event's plain-text template (`Subject: …`), made
 * one line whatever the order holds; the plain text is the rest of that template.
 */
import type { CanonicalOrder, ChangeNotice, OrderStatus } from '../../../src/sdk/index.js';
import { DEFAULT_LOCALE } from './money.js';
import { isNoticeEvent, type NoticeEvent } from './notice-event.js';
import { buildView, type NoticeView } from './notice-view.js';
import { templatesFor, type Brand } from './templates.js';
import type { CarrierTemplates } from './tracking-link.js';

export interface RenderNoticeInput {
  event: NoticeEvent;
  order: CanonicalOrder;
  status: OrderStatus;
  brand: Brand;
  /** Carrier name → tracking URL template with `{trackingNumber}`; names matched case-insensitively. */
  carriers?: CarrierTemplates;
  /** BCP 47 locale for money, dates and country names; default `en-US`. */
  locale?: string;
  /** IANA time zone for dates of instants (order placed, shipped); default `UTC`. */
  timeZone?: string;
  /** The change request this notice answers (change_accepted, change_refused). */
  change?: ChangeNotice;
}

export interface RenderedNotice {
  /** One line, no line breaks: safe as an e-mail header. */
  subject: string;
  text: string;
  html: string;
}

export const DEFAULT_TIME_ZONE = 'UTC';

export function renderNotice(input: RenderNoticeInput): RenderedNotice {
  if (!isNoticeEvent(input.event)) throw new RangeError(`not a customer notice event: ${String(input.event)}`);
  const view = noticeView(input);
  const templates = templatesFor(input.brand);
  const subject = oneLine(templates.render(input.event, 'subject', view));
  const text = templates.render(input.event, 'txt', view);
  const html = templates.render(input.event, 'html', { ...view, subject });
  return { subject, text: tidyText(text), html: html.trim() + '\n' };
}

/** The variables the templates see (without `subject`, which only the HTML template gets). */
export function noticeView(input: RenderNoticeInput): NoticeView {
  return buildView({
    event: input.event,
    order: input.order,
    status: input.status,
    brand: input.brand,
    carriers: input.carriers ?? {},
    locale: input.locale ?? DEFAULT_LOCALE,
    timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
    ...(input.change ? { change: input.change } : {}),
  });
}

/** Line breaks and control characters become spaces: a subject is an e-mail header. */
function oneLine(subject: string): string {
  return subject.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** No trailing spaces, no more than one blank line in a row, one final newline. */
function tidyText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim() + '\n';
}
