import type { Activity, TurnContext } from 'botbuilder';
import type { Actor } from '../services/domain/model';
import { readerOf, type Reader } from '../services/i18n';

/** Teams puts the user's locale and time zone in a `clientInfo` entity; the activity's `locale` also carries the language. */
export function readerFromActivity(activity: Partial<Activity>): Reader {
  const clientInfo = activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: string; timezone?: string } | undefined;
  return readerOf(clientInfo?.locale ?? activity.locale, clientInfo?.timezone);
}

/** The IANA time zone Teams reports for the user, when it reports a valid one. */
export function timeZoneOf(activity: Partial<Activity>): string | undefined {
  const clientInfo = activity.entities?.find((e) => e.type === 'clientInfo') as { timezone?: string } | undefined;
  const zone = clientInfo?.timezone;
  return zone && readerOf(undefined, zone).timeZone === zone ? zone : undefined;
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

export function actorOf(context: TurnContext): Actor {
  const from = context.activity.from;
  return { kind: 'user', id: userIdOf(context.activity) ?? 'unknown', name: from?.name ?? 'Unknown user' };
}
