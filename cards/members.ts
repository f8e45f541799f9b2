import { Role, type Member } from '../services/domain/model';
import { countryName, type Translator } from '../services/i18n';
import { countryChoices } from './choices';
import { renderCompactCard } from './compact';
import type { Choice } from './dealStatus';
import { NAME_SHOWN, noticeFields } from './dealText';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/members.json';
import { oneLine, shorten } from './untrusted';

export interface MemberRow {
  userId: string;
  name: string;
  detail: string;
  summary: string;
  canEdit: boolean;
}

/**
 * The members card: who is who, and for admins one form — a member's role and location scopes after
 * their Change, or any colleague of the tenant's (Teams' people picker) ahead of their install. One
 * form, so the card carries the list of countries once.
 */
export interface MembersCardData {
  title: string;
  intro: string;
  notice: string;
  noticeColor: 'Good' | 'Attention' | 'Default';
  members: MemberRow[];
  /** The member being changed ('' userId: none; the card then offers "Add a colleague"). */
  edit: { userId: string; heading: string; role: string; scopes: string };
  roleChoices: Choice[];
  countries: Choice[];
  labels: Record<'role' | 'scopes' | 'scopesHint' | 'change' | 'save' | 'cancel' | 'more' | 'add' | 'addHint' | 'colleague' | 'colleagueHint', string>;
  /** The page shown ('' first), so that Change and Save come back to it. */
  pageToken: string;
  nextToken: string;
  tooLarge: string;
}

export function renderMembersCard(data: MembersCardData): AdaptiveCardJson {
  return renderCard(template, data, { compact: (d) => renderCompactCard({ title: d.title, message: d.tooLarge }) });
}

export function scopesText(member: Pick<Member, 'role' | 'locationScopes'>, tr: Translator): string {
  if (member.role !== 'user') return tr.t('members.allLocations');
  if (member.locationScopes.length === 0) return tr.t('members.noScopes');
  return member.locationScopes.map((code) => tr.t('members.scope', { country: countryName(code, tr.reader), code })).join(', ');
}

/** A member's name as the card shows it; someone picked before they installed may have none yet. */
export function memberName(m: Pick<Member, 'name' | 'email'>, tr: Translator): string {
  return oneLine(m.name || m.email || tr.t('members.unnamed'), NAME_SHOWN);
}

export function membersCardData(
  orgName: string,
  members: readonly Member[],
  viewer: Member,
  tr: Translator,
  options: { pageToken?: string; nextToken?: string; notice?: { text: string; color: 'Good' | 'Attention' }; edit?: string; isConfigured: (m: Member) => boolean },
): MembersCardData {
  // Only a global admin may touch a global admin; nobody edits a role the configuration sets.
  const editable = (m: Member) => !options.isConfigured(m) && (viewer.role === 'globalAdmin' || m.role !== 'globalAdmin');
  const editing = members.find((m) => m.userId === options.edit && editable(m));
  return {
    title: tr.t('members.title', { org: oneLine(orgName, NAME_SHOWN) }),
    intro: tr.t('members.intro'),
    ...noticeFields(options.notice),
    members: members.map((m) => {
      const configured = options.isConfigured(m);
      return {
        userId: m.userId,
        name: memberName(m, tr),
        detail: [m.email, m.installed ? undefined : tr.t('members.notInstalled')].filter(Boolean).join(' · '),
        // Every country of the world is 249 scopes: the card names the first ones, the form holds them all.
        summary: shorten(tr.t('members.summary', { role: tr.tk(`role.${m.role}`), configured: configured ? 'yes' : 'no', scopes: scopesText(m, tr) }), 400),
        canEdit: editable(m),
      };
    }),
    edit: editing
      ? { userId: editing.userId, heading: tr.t('members.changeHeading', { name: memberName(editing, tr) }), role: editing.role, scopes: editing.locationScopes.join(',') }
      : { userId: '', heading: '', role: '', scopes: '' },
    roleChoices: Role.options
      .filter((r) => viewer.role === 'globalAdmin' || r !== 'globalAdmin')
      .map((value) => ({ value, title: tr.tk(`role.${value}`) })),
    countries: countryChoices(tr),
    labels: {
      role: tr.t('members.role'),
      scopes: tr.t('members.scopes'),
      scopesHint: tr.t('members.scopesHint'),
      change: tr.t('members.change'),
      save: tr.t('members.save'),
      cancel: tr.t('members.cancel'),
      more: tr.t('members.more'),
      add: tr.t('members.add'),
      addHint: tr.t('members.addHint'),
      colleague: tr.t('members.colleague'),
      colleagueHint: tr.t('members.colleagueHint'),
    },
    pageToken: options.pageToken ?? '',
    nextToken: options.nextToken ?? '',
    tooLarge: tr.t('card.tooLarge'),
  };
}
