import type { Clock } from '../../services/clock';
import type { DealActions } from '../../services/deals/actions';
import type { DealCreation } from '../../services/deals/create';
import type { PipelineQueries } from '../../services/deals/pipeline';
import type { DealQueries } from '../../services/deals/queries';
import type { DealSearch } from '../../services/deals/search';
import type { Membership } from '../../services/members/membership';
import type { ReferralResponses } from '../../services/referrals/respond';
import type { ImportTargets } from '../../services/solutions/importTarget';
import type { OfferCatalog } from '../../services/solutions/offers';
import type { DownloadOptions } from '../../services/solutions/download';
import type { Store } from '../../services/store/ports';
import type { CardActionRouter } from '../cardActions/router';
import type { CommandRouter } from '../commands/router';
import type { Logger } from '../logger';
import type { PartnerCenterChat } from './partnerCenter/chat';

/*
 * A feature is one folder under bot/features/ holding the whole chat surface of one capability: its
 * typed commands and its card action verbs, registered through one `register`. bot/index.ts builds the
 * services once and hands them to every feature; a feature takes what it needs.
 */

/** Where a feature plugs in its commands and card verbs. */
export interface Routers {
  readonly commands: CommandRouter;
  readonly cardActions: CardActionRouter;
}

/** The services bot/index.ts builds once, for every feature. */
export interface Services {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly store: Store;
  readonly membership: Membership;
  readonly responses: ReferralResponses;
  readonly deals: DealActions;
  readonly queries: DealQueries;
  readonly creation: DealCreation;
  readonly search: DealSearch;
  readonly pipeline: PipelineQueries;
  /** The organization's own offers (issue 14) and which offer an admin's next contacts file is for. */
  readonly offers: OfferCatalog;
  readonly importTargets: ImportTargets;
  /** How files sent in chat are fetched from Teams. */
  readonly fileDownloads: DownloadOptions;
  /** New work was committed in this process: wake the outbox worker. */
  readonly onWork: () => void;
  /** The Partner Center connection's chat side; absent when bot/index.ts did not build the connector. */
  readonly partnerCenter?: { readonly chat: PartnerCenterChat };
}

export interface Feature {
  readonly name: string;
  register(routers: Routers, services: Services): void;
}
