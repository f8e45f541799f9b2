import type { Activity } from 'botbuilder';
import { validLocale, validTimeZone } from '../services/i18n';
import type { Heard } from '../services/members/readers';

/**
 * What an activity says about its sender's language and zone: Teams puts them in a `clientInfo`
 * entity, and the activity's `locale` carries the language too. Installs and conversation updates may
 * say nothing; invalid values count as nothing said.
 */
export function heardFrom(activity: Partial<Activity>): Heard {
  const clientInfo = activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: unknown; timezone?: unknown } | undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const locale = validLocale(text(clientInfo?.locale)) ?? validLocale(activity.locale);
  const timeZone = validTimeZone(text(clientInfo?.timezone));
  return { ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) };
}

/** The Entra tenant (= partner organization) the activity comes from. */
export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  const fromChannel = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return activity.conversation?.tenantId ?? fromChannel;
}

/** The sender's Entra object id (Teams), falling back to the channel account id (local clients). */
export function userIdOf(activity: Partial<Activity>): string | undefined {
  return activity.from?.aadObjectId ?? activity.from?.id;
}
