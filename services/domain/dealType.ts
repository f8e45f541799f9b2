import type { Deal, DealType, HelpKind } from './model';

/**
 * The selling type from the two creation questions (003): any help asked of Microsoft makes a
 * Co-sell deal; otherwise "Would you like Microsoft sellers to view this deal?" decides between
 * Partner-led (yes) and Private (no).
 */
export function sellingType(help: HelpKind, microsoftMayView: boolean): 'coSell' | 'partnerLed' | 'private' {
  if (help !== 'none') return 'coSell';
  return microsoftMayView ? 'partnerLed' : 'private';
}

/**
 * A deal's type follows from what it holds, so it can never disagree with it:
 * an assessment makes it Solution assessment; Microsoft engaged (it sent the referral, or was invited
 * — asking is enough, help is not guaranteed) makes it Co-sell; partners (it came from one, or it
 * invited some) make it P2P; otherwise the view question decides Partner-led or Private.
 */
export function dealType(deal: Pick<Deal, 'assessment' | 'inbound' | 'microsoft' | 'invitations'>): DealType {
  if (deal.assessment) return 'solutionAssessment';
  if (deal.inbound?.sender.type === 'Microsoft') return 'coSell';
  if (deal.microsoft.status !== 'notInvited') return 'coSell';
  if (deal.inbound?.sender.type === 'Partner' || deal.invitations.length > 0) return 'p2p';
  return deal.microsoft.canView ? 'partnerLed' : 'private';
}
