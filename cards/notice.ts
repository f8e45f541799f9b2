import { renderCard, expandCard, type AdaptiveCardJson } from './render';
import template from './templates/notice.json';
import { shorten, shownAsText } from './untrusted';

/** A short message on a card: errors and confirmations that have no richer card. */
export interface NoticeCardData {
  title: string;
  message: string;
  color: 'Default' | 'Attention' | 'Good' | 'Warning';
}

/** A notice is one sentence; should a caller pass pages, the card keeps the start of them. */
export function renderNoticeCard(data: NoticeCardData): AdaptiveCardJson {
  return renderCard(template, data, { compact: (d) => shownAsText(expandCard(template, { ...d, title: shorten(d.title, 200), message: shorten(d.message, 2000) })) });
}

/** The card a seller sees when something did not work: a title and one plain sentence, nothing internal. */
export function renderErrorCard(title: string, message: string): AdaptiveCardJson {
  return renderNoticeCard({ title, message, color: 'Attention' });
}
