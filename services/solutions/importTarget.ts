import { DateTime, Duration } from 'luxon';
import { z } from 'zod';
import type { Clock } from '../clock';
import { isoInstant } from '../clock';
import type { Member } from '../domain/model';
import type { StateStorage } from '../store/ports';

/*
 * A file sent in chat carries no word of which offer it is for. An admin who clicks "Import contacts"
 * on an offer's card names it: the next contacts file they send in that personal chat, within the
 * window, goes to that offer — and the one after, so that a file refused for its rows can be fixed and
 * sent again. The choice is kept in the store's state storage, so a restart or another bot process
 * honours it too.
 */

export const IMPORT_WINDOW = Duration.fromObject({ minutes: 30 });

const Target = z.object({ offerId: z.string(), until: z.string() });

const keyOf = (member: Pick<Member, 'tenantId' | 'userId'>) => `solutions/importTarget/${member.tenantId}/${member.userId}`;

export class ImportTargets {
  constructor(
    private readonly storage: StateStorage,
    private readonly clock: Clock,
  ) {}

  async choose(member: Member, offerId: string): Promise<void> {
    await this.storage.write({ [keyOf(member)]: { offerId, until: isoInstant(this.clock.now().plus(IMPORT_WINDOW)), eTag: '*' } });
  }

  /** The offer the member's next contacts file is for, while the window lasts. */
  async current(member: Member): Promise<string | undefined> {
    const key = keyOf(member);
    const found = Target.safeParse((await this.storage.read([key]))[key]);
    if (!found.success || DateTime.fromISO(found.data.until) <= this.clock.now()) return undefined;
    return found.data.offerId;
  }
}
