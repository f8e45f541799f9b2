import type { Activity } from 'botbuilder';
import { z } from 'zod';

/*
 * The shape of an activity, checked once where it enters (POST /api/messages), so that everything
 * after it — middleware, the activity handler, commands, dialogs, the turn error handler — can read
 * the fields the bot uses without guarding each one. Only those fields are checked; everything else
 * passes through untouched, as the Bot Framework protocol lets channels add fields.
 */

/** Ids and names become store keys, records and card text; Teams' own are far shorter. */
const MAX_ID = 1024;

const Id = z.string().min(1).max(MAX_ID);
const Label = z.string().max(MAX_ID).nullish();
const Data = z.record(z.string(), z.unknown());

const Account = z.looseObject({ id: Id, name: Label, aadObjectId: Label, role: Label });
const Conversation = z.looseObject({ id: Id, name: Label, tenantId: Label, conversationType: Label });
// clientInfo carries the user's locale and time zone (bot/turn.ts); a mention its text.
const Entity = z.looseObject({ type: z.string().max(MAX_ID), locale: Label, timezone: Label });
const Reference = z.looseObject({ id: Id }).nullish();
const ChannelData = z.looseObject({ tenant: Reference, team: Reference, channel: Reference, eventType: Label }).nullish();
const Instant = z.string().max(64).nullish();

/** An Action.Execute as Teams sends it (`adaptiveCard/action`): a verb and the card's data. */
const CardActionValue = z.looseObject({
  action: z.looseObject({ type: z.string().max(MAX_ID), verb: Label, data: Data.nullish() }),
});

const ActivityShape = z
  .looseObject({
    type: z.string().min(1).max(MAX_ID),
    id: Label,
    name: Label,
    channelId: Id,
    serviceUrl: z.url({ protocol: /^https?$/ }).max(MAX_ID),
    from: Account,
    recipient: Account.nullish(),
    conversation: Conversation,
    text: z.string().nullish(),
    locale: Label,
    replyToId: Label,
    action: Label,
    entities: z.array(Entity).nullish(),
    membersAdded: z.array(Account).nullish(),
    membersRemoved: z.array(Account).nullish(),
    channelData: ChannelData,
    value: z.unknown().optional(),
    timestamp: Instant,
    localTimestamp: Instant,
    expiration: Instant,
  })
  .superRefine((a, ctx) => {
    // A card's Action.Submit arrives as a message whose value is the card's data: always an object.
    if (a.type === 'message' && a.value != null && !Data.safeParse(a.value).success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a submitted card carries an object' });
    }
    if (a.type === 'invoke' && a.name === 'adaptiveCard/action' && !CardActionValue.safeParse(a.value).success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'an Action.Execute carries an action object' });
    }
  });

export type ActivityCheck = { readonly ok: true; readonly activity: Activity } | { readonly ok: false; readonly issues: readonly string[] };

/** At most this many issues are logged: a hostile body can hold thousands. */
const LOGGED_ISSUES = 5;

/**
 * The activity, if the body is one the bot can work with. Its timestamps become Dates, as botbuilder
 * expects (the raw strings are kept beside them, as botbuilder's own check does).
 */
export function checkActivity(body: unknown): ActivityCheck {
  const parsed = ActivityShape.safeParse(body);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.slice(0, LOGGED_ISSUES).map((i) => `${i.path.join('.') || '(activity)'}: ${i.message}`) };
  }
  const { timestamp, localTimestamp, expiration, ...rest } = parsed.data;
  return {
    ok: true,
    activity: {
      ...rest,
      ...(timestamp ? { timestamp: new Date(timestamp), rawTimestamp: timestamp } : {}),
      ...(localTimestamp ? { localTimestamp: new Date(localTimestamp), rawLocalTimestamp: localTimestamp } : {}),
      ...(expiration ? { expiration: new Date(expiration), rawExpiration: expiration } : {}),
    } as unknown as Activity, // botbuilder's type requires fields channels never send (label, callerId, …)
  };
}
