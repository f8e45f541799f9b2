import type { DateTime } from 'luxon';
import { instantMillis } from '../clock';
import { inviteOptions } from './invitations';
import type { Deal, Member } from './model';
import { registrationEligibility } from './registration';
import { allAssessmentStagesComplete, nextAssessmentStage } from './stages';
import { canView, isAdmin } from './visibility';

export type DealAction =
  | 'accept'
  | 'decline'
  | 'markStage'
  | 'completeAssessmentStage'
  | 'markWon'
  | 'markLost'
  | 'edit'
  | 'inviteMicrosoft'
  | 'grantMicrosoftView'
  | 'invitePartners'
  | 'register'
  | 'favorite'
  | 'assign'
  | 'snooze';

/**
 * The actions this viewer may take on this deal now — what a card offers. Each is also checked again
 * by its own rule when taken, so a stale card can never do more than this says.
 */
export function allowedActions(deal: Deal, viewer: Member, now: DateTime): DealAction[] {
  if (!canView(viewer, deal)) return [];
  const actions: DealAction[] = ['favorite'];
  if (deal.status === 'received' && deal.inbound && now.toMillis() < instantMillis(deal.inbound.expiresAt)) {
    actions.push('accept', 'decline');
    if (isAdmin(viewer)) actions.push('assign');
    // A reminder a day later would come after the referral expires: no "remind me tomorrow" then.
    if (now.plus({ days: 1 }).toMillis() < instantMillis(deal.inbound.expiresAt)) actions.push('snooze');
  }
  if (deal.status === 'open') {
    actions.push('edit');
    if (deal.assessment) {
      if (nextAssessmentStage(deal)) actions.push('completeAssessmentStage');
      if (allAssessmentStagesComplete(deal)) actions.push('markWon');
    } else {
      actions.push('markStage', 'markWon');
    }
    actions.push('markLost');
    const invite = inviteOptions(deal);
    if (invite.microsoft) actions.push('inviteMicrosoft');
    if (invite.microsoftView) actions.push('grantMicrosoftView');
    if (invite.partners) actions.push('invitePartners');
  }
  if (deal.status === 'won' && !deal.registration && registrationEligibility(deal).eligible) actions.push('register');
  return actions;
}
