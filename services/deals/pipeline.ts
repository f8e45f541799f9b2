import type { DateTime } from 'luxon';
import { isoInstant } from '../clock';
import type { Member } from '../domain/model';
import { ANSWER_WINDOW_DAYS, pipelineFigures, type PipelineFigures } from '../domain/pipeline';
import { isAdmin } from '../domain/visibility';
import type { Store } from '../store/ports';
import { visibleTo } from './access';

/**
 * The most deals the pipeline counts per read: the open deals (newest first) and, separately, the
 * answers of the last 90 days. A read is one projected query (no whole documents), so a tenant with
 * 100,000 deals costs at most this many small rows, not 100,000 documents; past it the card says the
 * figures cover only the newest.
 */
export const PIPELINE_DEALS_MAX = 2000;

export interface PipelineView {
  readonly figures: PipelineFigures;
  /** Whose deals: the whole organization (referral admins) or the member's own view. */
  readonly scope: 'organization' | 'visible';
  /** The open deals went past PIPELINE_DEALS_MAX: only the newest were counted. */
  readonly openCapped: boolean;
  readonly answersCapped: boolean;
}

/** `pipeline`: the open deals a member may see, by stage, and the organization's answer time. */
export class PipelineQueries {
  constructor(private readonly store: Store) {}

  /** `today` is the member's calendar day (their time zone): it decides this month and this quarter. */
  async forMember(member: Member, now: DateTime, today: string): Promise<PipelineView> {
    const since = isoInstant(now.minus({ days: ANSWER_WINDOW_DAYS }));
    const [open, answered] = await Promise.all([
      this.store.deals.figures(member.tenantId, { open: true, ...visibleTo(member) }, PIPELINE_DEALS_MAX),
      // How fast the organization answers is the organization's figure, the same for every member: a
      // duration, nothing of any deal.
      this.store.deals.figures(member.tenantId, { direction: 'inbound', respondedSince: since }, PIPELINE_DEALS_MAX),
    ]);
    return {
      figures: pipelineFigures(open.items, answered.items, today, since),
      scope: isAdmin(member) ? 'organization' : 'visible',
      openCapped: open.truncated,
      answersCapped: answered.truncated,
    };
  }
}
