import { DateTime } from 'luxon';
import { applyTimeRules, nextDueAt, parseLeadTimes, type Deal } from '../../services/domain';
import { NOW, outboundDeal, receivedReferral, RULES } from '../support/fixtures';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

describe('DOMAIN: expiry reminders before a referral’s 14 days end (REMINDER_LEAD_TIMES)', () => {
  // Created 2026-11-20T09:30Z, so it expires 2026-12-04T09:30Z: reminders at 11-27, 12-01 and 12-03 09:30Z.
  it('a received referral is next due at its first reminder', () => {
    expect(receivedReferral().dueAt).toBe('2026-11-27T09:30:00.000Z');
  });

  it('each reminder happens once, at its time, then the deal is due at the next one, then at expiry', () => {
    let deal: Deal = receivedReferral();
    const steps: [string, string[], string | null][] = [
      ['2026-11-27T09:29:59Z', [], '2026-11-27T09:30:00.000Z'],
      ['2026-11-27T09:30:00Z', ['reminder:P7D'], '2026-12-01T09:30:00.000Z'],
      ['2026-11-27T09:31:00Z', [], '2026-12-01T09:30:00.000Z'],
      ['2026-12-01T09:30:00Z', ['reminder:P3D'], '2026-12-03T09:30:00.000Z'],
      ['2026-12-03T09:30:00Z', ['reminder:P1D'], '2026-12-04T09:30:00.000Z'],
      ['2026-12-04T09:30:00Z', ['expired'], null],
      ['2026-12-05T00:00:00Z', [], null],
    ];
    for (const [now, effects, dueAt] of steps) {
      const result = applyTimeRules(deal, at(now), RULES);
      expect(result.effects.map((e) => (e.kind === 'reminder' ? `reminder:${e.lead}` : e.kind))).toEqual(effects);
      expect(result.deal.dueAt).toBe(dueAt);
      deal = result.deal;
    }
    expect(deal.status).toBe('expired');
  });

  it('when the bot was down past several reminder times, then only the most urgent reminder is sent', () => {
    const result = applyTimeRules(receivedReferral(), at('2026-12-02T00:00:00Z'), RULES);
    expect(result.effects).toEqual([{ kind: 'reminder', lead: 'P3D' }]);
    expect(result.deal.inbound!.remindersDone).toEqual(['P7D', 'P3D']);
  });

  it('when a referral arrives with less time left than a lead time, then that reminder is skipped (the new card is the notice)', () => {
    const late = receivedReferral({ expiresAt: at('2026-11-22T10:00:00Z') }, NOW);
    expect(late.inbound!.remindersDone).toEqual(['P7D', 'P3D']);
    expect(late.dueAt).toBe('2026-11-21T10:00:00.000Z');
  });

  it('applying the rules twice at the same moment changes nothing the second time', () => {
    const once = applyTimeRules(receivedReferral(), at('2026-11-27T10:00:00Z'), RULES);
    const twice = applyTimeRules(once.deal, at('2026-11-27T10:00:00Z'), RULES);
    expect(twice.effects).toEqual([]);
    expect(twice.deal).toEqual(once.deal);
  });

  it('lead times parse as ISO-8601 durations, longest first, and bad ones are refused', () => {
    expect(parseLeadTimes('P1D, PT12H ,P7D,P1D').map((d) => d.toISO())).toEqual(['P7D', 'P1D', 'PT12H']);
    expect(() => parseLeadTimes('7 days')).toThrow(/ISO-8601/);
    expect(() => parseLeadTimes('P0D')).toThrow();
  });
});

describe('DOMAIN: Microsoft’s 14-day window ends without an answer', () => {
  it('when Microsoft was invited and 14 days pass, then its status becomes "no response" once', () => {
    const customer = { name: 'N', country: 'FR', contacts: [{ name: 'L', phone: '+33 1 23 45 67 89', email: 'l@n.example' }], contactConsent: true };
    const deal = outboundDeal({ help: 'technicalPresales', customer });
    expect(nextDueAt(deal, RULES)).toBe('2026-12-04T10:00:00.000Z');
    const result = applyTimeRules(deal, at('2026-12-04T10:00:00Z'), RULES);
    expect(result.effects).toEqual([{ kind: 'microsoftNoResponse' }]);
    expect(result.deal.microsoft.status).toBe('noResponse');
    expect(result.deal.dueAt).toBeNull();
    expect(result.deal.status).toBe('open');
  });

  it('a deal with nothing pending is never due', () => {
    expect(outboundDeal().dueAt).toBeNull();
  });
});
