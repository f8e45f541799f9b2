import { expandCard, type AdaptiveCardJson } from './render';
import template from './templates/notice.json';

/** A short message on a card: errors and confirmations that have no richer card. */
export interface NoticeCardData {
  title: string;
  message: string;
  color: 'Default' | 'Attention' | 'Good' | 'Warning';
}

export function renderNoticeCard(data: NoticeCardData): AdaptiveCardJson {
  return expandCard(template, data);
}

/** The card a seller sees when something did not work: a title and one plain sentence, nothing internal. */
export function renderErrorCard(title: string, message: string): AdaptiveCardJson {
  return renderNoticeCard({ title, message, color: 'Attention' });
}
