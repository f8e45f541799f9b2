import type { TurnContext } from 'botbuilder';
import type { Clock } from '../../services/clock';
import { todayFor } from '../../services/domain/change';
import { readerOf, translator } from '../../services/i18n';
import type { Acting } from '../cardActions/support';
import { memberOf } from '../middleware/presence';
import { readerFromActivity } from '../turn';

/** The member behind a typed command, in their language and time zone; undefined when Teams did not say who (no tenant or user). */
export function actingOf(clock: Clock, context: TurnContext): Acting | undefined {
  const member = memberOf(context);
  if (!member) return undefined;
  const fallback = readerFromActivity(context.activity);
  const tr = translator(readerOf(member.locale ?? fallback.locale, member.timeZone ?? fallback.timeZone));
  const now = clock.now();
  return { member, tr, now, today: todayFor({ now, zone: tr.reader.timeZone }) };
}
