import type { Catalog } from '..';
import { common } from './common';
import { deals } from './deals';
import { dialogs } from './dialogs';
import { find } from './find';
import { members } from './members';
import { partnerCenter } from './partnerCenter';
import { readiness } from './readiness';
import { referrals } from './referrals';
import { solutions } from './solutions';

/** The French catalog, merged like the English one (services/i18n/en/index.ts); each module is checked against its English twin. */
export const fr: Catalog = {
  ...common,
  ...referrals,
  ...members,
  ...readiness,
  ...deals,
  ...dialogs,
  ...find,
  ...solutions,
  ...partnerCenter,
};
