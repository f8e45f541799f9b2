import type { Feature } from '../feature';
import { acceptReferral } from './accept';
import { showAcceptForm } from './acceptForm';
import { declineReferral } from './decline';
import { showDeclineForm } from './declineForm';
import { showReferral } from './show';

/** The inbound referral card: show it, and accept or decline it from its forms. */
export const referrals: Feature = {
  name: 'referrals',
  register({ cardActions }, services) {
    cardActions.register(showReferral(services), showAcceptForm(services), acceptReferral(services), showDeclineForm(services), declineReferral(services));
  },
};
