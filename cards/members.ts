import { Role, type Member } from '../services/domain/model';
import { countryName, type Translator } from '../services/i18n';
import { renderCompactCard } from './compact';
import { NAME_SHOWN } from './dealText';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/members.json';
import { oneLine, shorten } from './untrusted';

export interface MemberRow {
  index: number;
  userId: string;
  name: string;
  detail: string;
  summary: string;
  role: string;
  scopes: string;
  canEdit: boolean;
}

/** The members card: who is who, and (for admins) a form per member to change role and location scopes. */
export interface MembersCardData {
  title: string;
  intro: string;
  notice: string;
  noticeColor: 'Good' | 'Attention' | 'Default';
  members: MemberRow[];
  roleChoices: { title: string; value: string }[];
  roleLabel: string;
  scopesLabel: string;
  scopesHint: string;
  changeTitle: string;
  saveTitle: string;
  moreTitle: string;
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

export function membersCardData(
  orgName: string,
  members: readonly Member[],
  viewer: Member,
  tr: Translator,
  options: { nextToken?: string; notice?: { text: string; color: 'Good' | 'Attention' }; isConfigured: (m: Member) => boolean },
): MembersCardData {
  return {
    title: tr.t('members.title', { org: oneLine(orgName, NAME_SHOWN) }),
    intro: tr.t('members.intro'),
    notice: options.notice?.text ?? '',
    noticeColor: options.notice?.color ?? 'Default',
    members: members.map((m, index) => {
      const configured = options.isConfigured(m);
      return {
        index,
        userId: m.userId,
        name: oneLine(m.name || m.email || m.userId, NAME_SHOWN),
        detail: [m.email, m.installed ? undefined : tr.t('members.notInstalled')].filter(Boolean).join(' · '),
        // Every country of the world is 249 scopes: the card names the first ones, the input holds them all.
        summary: shorten(tr.t('members.summary', { role: tr.tk(`role.${m.role}`), configured: configured ? 'yes' : 'no', scopes: scopesText(m, tr) }), 400),
        role: m.role,
        scopes: m.locationScopes.join(', '),
        // Only a global admin may touch a global admin; nobody edits a role the configuration sets.
        canEdit: !configured && (viewer.role === 'globalAdmin' || m.role !== 'globalAdmin'),
      };
    }),
    roleChoices: Role.options
      .filter((r) => viewer.role === 'globalAdmin' || r !== 'globalAdmin')
      .map((value) => ({ value, title: tr.tk(`role.${value}`) })),
    roleLabel: tr.t('members.role'),
    scopesLabel: tr.t('members.scopes'),
    scopesHint: tr.t('members.scopesHint'),
    changeTitle: tr.t('members.change'),
    saveTitle: tr.t('members.save'),
    moreTitle: tr.t('members.more'),
    nextToken: options.nextToken ?? '',
    tooLarge: tr.t('card.tooLarge'),
  };
}
