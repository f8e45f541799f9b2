import { DateTime } from 'luxon';
import {
  acceptInput,
  acceptReferral,
  allowedActions,
  authorizeRoleChange,
  authorizeView,
  canView,
  editDeal,
  EDITABLE_FIELDS,
  isFavorite,
  markWon,
  setFavorite,
  toggleFavorite,
  type Member,
} from '../../services/domain';
import { admin, ANA_ON_TEAM, ctx, member, NOW, OTHER_TENANT, outboundDeal, receivedReferral, RULES, unwrap } from '../support/fixtures';

describe('DOMAIN: visibility by role and location scope', () => {
  const deal = outboundDeal({ location: 'FR' }); // Ana is on its team

  it.each<[string, Member, boolean]>([
    ['a referral admin with global scope, any location', member({ role: 'globalAdmin', locationScopes: [], userId: 'x', email: 'x@f.example' }), true],
    ['a referral admin, whatever the location', admin({ locationScopes: ['US'] }), true],
    ['a referral user on the team with FR in scope', member(), true],
    ['a referral user on the team (by email only) with FR in scope', member({ userId: 'other-id' }), true],
    ['a referral user on the team without FR in scope', member({ locationScopes: ['DE', 'US'] }), false],
    ['a referral user with FR in scope but not on the team', member({ userId: 'user-bo', email: 'bo@fabrikam.example' }), false],
    ['a referral user with no scope at all', member({ locationScopes: [] }), false],
  ])('%s → can see: %s', (_label, viewer, expected) => {
    expect(canView(viewer, deal)).toBe(expected);
  });

  it('a new inbound referral has no team yet, so only referral admins see it', () => {
    const referral = receivedReferral();
    expect(canView(admin(), referral)).toBe(true);
    expect(canView(member(), referral)).toBe(false);
  });

  it('a refusal tells the referral user what they are missing', () => {
    expect(authorizeView(member({ locationScopes: [] }), deal)).toEqual({ ok: false, refusal: { code: 'not_visible', params: { location: 'FR' } } });
  });
});

describe('DOMAIN: no cross-organization access', () => {
  it('even a global admin of another organization cannot see the deal', () => {
    const outsider = member({ tenantId: OTHER_TENANT, role: 'globalAdmin' });
    expect(authorizeView(outsider, outboundDeal())).toEqual({ ok: false, refusal: { code: 'other_organization' } });
    expect(allowedActions(outboundDeal(), outsider, NOW)).toEqual([]);
  });

  it('and cannot manage its members', () => {
    const outsider = member({ tenantId: OTHER_TENANT, role: 'globalAdmin' });
    expect(authorizeRoleChange(outsider, member(), 'admin', 1)).toEqual({ ok: false, refusal: { code: 'other_organization' } });
  });
});

describe('DOMAIN: roles — admins manage members; only a global admin grants the global role; one global admin always remains', () => {
  const global = member({ userId: 'g', role: 'globalAdmin' });
  it.each<[string, Member, Member, Member['role'], number, string | null]>([
    ['an admin makes a user an admin', admin(), member(), 'admin', 1, null],
    ['a user grants a role', member(), member({ userId: 'z' }), 'admin', 1, 'not_permitted'],
    ['an admin grants global scope', admin(), member(), 'globalAdmin', 1, 'not_permitted'],
    ['a global admin grants global scope', global, member(), 'globalAdmin', 1, null],
    ['the only global admin is demoted', global, global, 'admin', 1, 'last_global_admin'],
    ['one of two global admins is demoted', global, member({ userId: 'g2', role: 'globalAdmin' }), 'user', 2, null],
  ])('%s → %s', (_label, actor, target, role, globals, refusal) => {
    const result = authorizeRoleChange(actor, target, role, globals);
    expect(result.ok ? null : result.refusal.code).toBe(refusal);
  });
});

describe('DOMAIN: location is mandatory and cannot be edited after creation', () => {
  it('when an edit tries to change the location, then it is refused and nothing changes', () => {
    const deal = outboundDeal();
    const result = editDeal(deal, { location: 'DE', name: 'Renamed' }, ctx(), RULES);
    expect(result).toEqual({ ok: false, refusal: { code: 'location_not_editable' } });
    expect(deal.location).toBe('FR');
  });

  it('location is not among the editable fields', () => {
    expect(EDITABLE_FIELDS).not.toContain('location');
  });
});

describe('DOMAIN: accepted stage — edit name, close date, value, notes, CRM ID, campaign ID, team and solutions', () => {
  it('when the team edits every editable field, then the deal records them and the history names the fields', () => {
    const deal = outboundDeal();
    const edited = unwrap(
      editDeal(
        deal,
        {
          name: 'Northwind – lakehouse',
          closeDate: '2027-09-30',
          value: { amount: 150000, currency: 'USD' },
          notes: 'Scope grew',
          crmId: 'CRM-9',
          campaignId: 'FY27-DATA',
          team: [ANA_ON_TEAM, { name: 'Bo', phone: '+33 6 00 00 00 00', email: 'bo@fabrikam.example' }],
          solutions: [{ kind: 'microsoft', name: 'Microsoft Fabric' }],
        },
        ctx(),
        RULES,
      ),
    );
    expect(edited).toMatchObject({ name: 'Northwind – lakehouse', closeDate: '2027-09-30', value: { amount: 150000, currency: 'USD' }, crmId: 'CRM-9' });
    expect(edited.team).toHaveLength(2);
    expect(edited.history.at(-1)).toMatchObject({ event: 'edited', detail: 'name,value,closeDate,notes,crmId,campaignId,team,solutions' });
  });

  it('when an edit would leave a deal the organization created without a whole contact (003 "Add team members"), then it is refused; an accepted referral may have none (003 "Accept")', () => {
    const phoneless = { name: 'Ben', email: 'ben@fabrikam.example', userId: 'user-ben' };
    expect(editDeal(outboundDeal(), { team: [] }, ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'team_required' } });
    expect(editDeal(outboundDeal(), { team: [phoneless] }, ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'team_required' } });
    const inbound = { ...receivedReferral(), status: 'open' as const, salesStage: 'accepted' as const, team: [ANA_ON_TEAM] };
    expect(unwrap(editDeal(inbound, { team: [phoneless] }, ctx(), RULES)).team).toEqual([phoneless]);
  });

  it('when a field outside the list is sent, then it is refused by name', () => {
    expect(editDeal(outboundDeal(), { status: 'won' } as never, ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'field_not_editable', params: { field: 'status' } } });
  });

  it('when nothing actually changes, then the deal is returned as it was', () => {
    const deal = outboundDeal();
    expect(unwrap(editDeal(deal, { name: deal.name }, ctx(), RULES))).toBe(deal);
  });

  it('when an edit would turn a normal deal into a solution assessment, then it is refused', () => {
    expect(editDeal(outboundDeal(), { solutions: [{ kind: 'assessment', name: 'A' }] }, ctx(), RULES)).toEqual({ ok: false, refusal: { code: 'assessment_kind_fixed' } });
  });
});

describe('DOMAIN: favorites — the heart adds a deal to Favorites and the same toggle removes it', () => {
  it('toggles per user, on open and closed deals alike, without touching the history', () => {
    const deal = outboundDeal();
    const on = toggleFavorite(deal, 'user-ana');
    expect(on.favorite).toBe(true);
    expect(isFavorite(on.deal, 'user-ana')).toBe(true);
    expect(isFavorite(on.deal, 'user-bo')).toBe(false);
    const off = toggleFavorite(on.deal, 'user-ana');
    expect(off.favorite).toBe(false);
    expect(off.deal.favoritedBy).toEqual([]);
    const won = unwrap(markWon(deal, ctx(), RULES));
    expect(toggleFavorite(won, 'user-ana').deal.favoritedBy).toEqual(['user-ana']);
    expect(on.deal.history).toEqual(deal.history);
  });

  it('setting the heart to what it already is changes nothing, so a repeated click cannot undo it', () => {
    const deal = outboundDeal();
    const on = setFavorite(deal, 'user-ana', true);
    expect(on.favoritedBy).toEqual(['user-ana']);
    expect(setFavorite(on, 'user-ana', true)).toBe(on);
    expect(setFavorite(setFavorite(on, 'user-ana', false), 'user-ana', false).favoritedBy).toEqual([]);
  });
});

describe('DOMAIN: a card offers only the actions this viewer may take now', () => {
  it('a received referral offers accept and decline to an admin (and handing it to a colleague, and a reminder tomorrow), until it expires', () => {
    expect(allowedActions(receivedReferral(), admin(), NOW)).toEqual(['favorite', 'accept', 'decline', 'assign', 'snooze']);
    expect(allowedActions(receivedReferral(), admin(), DateTime.fromISO('2026-12-04T09:30:00Z'))).toEqual(['favorite']);
  });

  it('an open private deal offers stages, won/lost, edits and every invitation', () => {
    expect(allowedActions(outboundDeal(), member(), NOW)).toEqual([
      'favorite', 'edit', 'markStage', 'markWon', 'markLost', 'inviteMicrosoft', 'grantMicrosoftView', 'invitePartners',
    ]);
  });

  it('an accepted inbound co-sell deal offers no partner invitation', () => {
    const accepted = unwrap(
      acceptReferral(receivedReferral(), acceptInput('2026-11-20').parse({ name: 'x', value: { amount: '1', currency: 'EUR' }, closeDate: '2027-01-01', team: [ANA_ON_TEAM] }), ctx(), RULES),
    );
    expect(allowedActions(accepted, admin(), NOW)).toEqual(['favorite', 'edit', 'markStage', 'markWon', 'markLost']);
  });

  it('a closed deal offers nothing but the heart', () => {
    expect(allowedActions(unwrap(markWon(outboundDeal(), ctx(), RULES)), member(), NOW)).toEqual(['favorite']);
  });
});
