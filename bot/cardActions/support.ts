import { DateTime } from 'luxon';
import { z } from 'zod';
import { renderErrorCard } from '../../cards/notice';
import type { Clock } from '../../services/clock';
import { todayFor } from '../../services/domain/change';
import { DealId, TenantId, type Member } from '../../services/domain/model';
import { translator, type Translator } from '../../services/i18n';
import type { Logger } from '../logger';
import { memberOf, readerOfTurn } from '../middleware/presence';
import type { CardActionRequest, CardActionResult, CardView } from './router';

/** Who is clicking, in their language and time zone, and "now". */
export interface Acting {
  readonly member: Member;
  readonly tr: Translator;
  readonly now: DateTime;
  readonly today: string;
}

export interface ActionEnv {
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Refused before anything is read: the card shows why. */
export class CardRefusal {
  constructor(readonly result: CardView) {}
}

export function errorResult(tr: Translator, message: string): CardView {
  return { card: renderErrorCard(tr.t('error.title'), message) };
}

/** The member behind a card action, as the presence middleware resolved them for this turn. */
export async function whoIsActing(env: ActionEnv, request: CardActionRequest): Promise<Acting> {
  const activity = request.context.activity;
  const member = memberOf(request.context);
  const tr = translator(readerOfTurn(request.context));
  if (!member) {
    env.logger.warn('card action refused: no tenant or user on the activity', { verb: request.verb, activityId: activity.id });
    throw new CardRefusal(errorResult(tr, tr.t('error.badCardData')));
  }
  const now = env.clock.now();
  return { member, tr, now, today: todayFor({ now, zone: tr.reader.timeZone }) };
}

const DealRef = z.object({ tenantId: TenantId, dealId: DealId, purpose: z.enum(['referral', 'reminder']).default('referral') });
export type DealRef = z.infer<typeof DealRef>;

/**
 * The deal a card action is about, from the card's data. Data that does not parse, or names another
 * tenant than the one the click comes from, is forged or stale: refused and logged, nothing read.
 */
export function dealRefOf(env: ActionEnv, request: CardActionRequest, acting: Acting): DealRef {
  const parsed = DealRef.safeParse(request.data);
  if (!parsed.success || parsed.data.tenantId !== acting.member.tenantId) {
    env.logger.warn('card action refused: bad or foreign deal reference', {
      verb: request.verb,
      activityId: request.context.activity.id,
      userId: acting.member.userId,
      reason: parsed.success ? 'tenant mismatch' : 'unreadable data',
    });
    throw new CardRefusal(errorResult(acting.tr, acting.tr.t('error.badCardData')));
  }
  return parsed.data;
}

/** Run a handler body, turning a CardRefusal into its card. */
export async function guarded(body: () => Promise<CardActionResult>): Promise<CardActionResult> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof CardRefusal) return err.result;
    throw err;
  }
}
