import { createDeal } from './createDeal';
import { deals } from './deals';
import type { Feature, Routers, Services } from './feature';
import { find } from './find';
import { help } from './help';
import { members } from './members';
import { partnerCenter } from './partnerCenter';
import { referrals } from './referrals';
import { solutions } from './solutions';

export type { Feature, Routers, Services } from './feature';

/**
 * Every feature of the bot. The order matters only for text a feature intercepts before commands
 * are read (files sent in chat go to solutions even while the create-deal dialog waits; the dialog
 * takes "back" and "cancel").
 */
export const FEATURES: readonly Feature[] = [help, referrals, deals, solutions, createDeal, members, find, partnerCenter];

export function registerFeatures(routers: Routers, services: Services, features: readonly Feature[] = FEATURES): void {
  for (const feature of features) feature.register(routers, services);
}
