import type { Feature } from '../feature';
import { completeAssessmentStage } from './assessmentStage';
import { dealCommand } from './dealCommand';
import { editDeal } from './edit';
import { showEditForm } from './editForm';
import { editInvitation } from './editInvitation';
import { favoriteDeal } from './favorite';
import { grantMicrosoftView } from './grantView';
import { showInvitationForm } from './invitationForm';
import { showInviteForm } from './inviteForm';
import { inviteMicrosoft } from './inviteMicrosoft';
import { invitePartner } from './invitePartner';
import { pageDeals } from './list';
import { listCommand } from './listCommand';
import { markLost } from './lost';
import { showMicrosoftForm } from './microsoftForm';
import { registerDeal } from './register';
import { showRegisterForm } from './registerForm';
import { showDeal } from './show';
import { markStage } from './stage';
import { markWon } from './won';

/**
 * Deal work: the lists (Inbound, Outbound, Favorites), `deal <name or id>`, and every action on the
 * deal status card — stages, Won/Lost, edits, invitations, Microsoft's view, registration, the heart.
 */
export const deals: Feature = {
  name: 'deals',
  register({ commands, cardActions }, services) {
    const lists = listCommand(services);
    commands.on('inbound', lists).on('outbound', lists).on('favorites', lists).on('deal', dealCommand(services));
    cardActions.register(
      showDeal(services),
      pageDeals(services),
      favoriteDeal(services),
      markStage(services),
      completeAssessmentStage(services),
      markWon(services),
      markLost(services),
      showEditForm(services),
      editDeal(services),
      showInvitationForm(services),
      editInvitation(services),
      showMicrosoftForm(services),
      inviteMicrosoft(services),
      grantMicrosoftView(services),
      showInviteForm(services),
      invitePartner(services),
      showRegisterForm(services),
      registerDeal(services),
    );
  },
};
