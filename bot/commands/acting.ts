import type { TurnContext } from 'botbuilder';
import type { Clock } from '../../services/clock';
import { todayFor } from '../../services/domain/change';
import { translator } from '../../services/i18n';
import type { Acting } from '../cardActions/support';
import { memberOf, readerOfTurn } from '../middleware/presence';

/** The member behind a typed command, in their language and time zone; undefined when Teams did not say who (no tenant or user). */
export function actingOf(clock: Clock, context: TurnContext): Acting | undefined {
  const member = memberOf(context);
  if (!member) return undefined;
  const tr = translator(readerOfTurn(context));
  const now = clock.now();
  return { member, tr, now, today: todayFor({ now, zone: tr.reader.timeZone }) };
}
