import type { Feature } from '../feature';
import { acceptReferral } from './accept';
import { showAcceptForm } from './acceptForm';
import { declineReferral } from './decline';
import { showDeclineForm } from './declineForm';
import { assignReferral } from './assign';
import { showReferral } from './show';
import { snoozeReferral } from './snooze';

/**
 * The inbound referral card and its reminder: show them, accept or decline from their forms, hand the
 * referral to a colleague, be reminded of it tomorrow.
 */
export const referrals: Feature = {
  name: 'referrals',
  register({ cardActions }, services) {
    cardActions.register(
      showReferral(services),
      showAcceptForm(services),
      acceptReferral(services),
      showDeclineForm(services),
      declineReferral(services),
      assignReferral(services),
      snoozeReferral(services),
    );
  },
};
