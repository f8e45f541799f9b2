import type { Feature } from '../feature';
import { membersCommand } from './command';
import { membersPage } from './page';
import { chooseReminders } from './reminders';
import { updateMember } from './update';

/**
 * `members` (referral admins): who is who, their roles and location scopes, set ahead of a colleague's
 * install too; and each member's own choice of single reminders or a daily digest.
 */
export const members: Feature = {
  name: 'members',
  register({ commands, cardActions }, services) {
    commands.on('members', membersCommand(services));
    cardActions.register(membersPage(services), updateMember(services), chooseReminders(services));
  },
};
