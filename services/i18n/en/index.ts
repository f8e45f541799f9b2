import { common } from './common';
import { deals } from './deals';
import { dialogs } from './dialogs';
import { find } from './find';
import { members } from './members';
import { partnerCenter } from './partnerCenter';
import { readiness } from './readiness';
import { referrals } from './referrals';
import { solutions } from './solutions';

/**
 * The English catalog: the one place user-facing text lives. Each area keeps its messages in its own
 * module (so that they can be worked on side by side); this merge is what the bot reads. Other
 * languages provide any subset of these keys; missing ones fall back to English.
 */
export const en = {
  ...common,
  ...referrals,
  ...members,
  ...readiness,
  ...deals,
  ...dialogs,
  ...find,
  ...solutions,
  ...partnerCenter,
} as const;

export type MessageKey = keyof typeof en;
