import type { Feature } from '../feature';
import { membersCommand } from './command';
import { membersPage } from './page';
import { updateMember } from './update';

/** `members` (referral admins): who is who, their roles and location scopes. */
export const members: Feature = {
  name: 'members',
  register({ commands, cardActions }, services) {
    commands.on('members', membersCommand(services));
    cardActions.register(membersPage(services), updateMember(services));
  },
};
