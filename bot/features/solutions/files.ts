import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderNoticeCard } from '../../../cards/notice';
import { documentFormData, renderDocumentForm } from '../../../cards/solutionForms';
import { hasAcceptedDocumentType } from '../../../services/domain/coSellReadiness';
import { authorizeOfferChange } from '../../../services/domain/offers';
import { downloadFile } from '../../../services/solutions/download';
import type { AdaptiveCardJson } from '../../../cards/render';
import { actingOf } from '../../commands/acting';
import type { TextInterceptor } from '../../commands/router';
import type { Acting } from '../../cardActions/support';
import { importResultView } from './contacts';
import { listView, offerNotFound, type SolutionsEnv } from './views';

/** How Teams hands a bot a file sent in a personal chat. */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const FileAttachment = z.object({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().trim().min(1).max(255),
  /** Where the file lives (the sender's OneDrive): what a document's link points to. */
  contentUrl: z.string().max(4000).optional(),
  /** A pre-authenticated, short-lived link to the bytes. */
  content: z.object({ downloadUrl: z.string().max(4000) }),
});
type FileAttachment = z.infer<typeof FileAttachment>;

/** Files answered per message at most (Teams lets people send several at once). */
const FILES_PER_MESSAGE = 5;

const notice = (acting: Acting, message: string, color: 'Attention' | 'Warning' = 'Attention') =>
  renderNoticeCard({ title: acting.tr.t('solutions.file.title'), message, color });

/**
 * A file sent in the personal chat. A .csv is the contacts template: it goes to the offer the admin
 * chose with "Import contacts" (within its window) and is imported or refused row by row; another file
 * of an accepted type is a document, and the admin chooses which offer and which document it is. Only
 * referral admins change offers; anything else is said, never ignored.
 */
async function answerFile(env: SolutionsEnv, acting: Acting, file: FileAttachment): Promise<AdaptiveCardJson> {
  const allowed = authorizeOfferChange(acting.member);
  if (!allowed.ok) return notice(acting, acting.tr.t('solutions.file.adminsOnly'));
  if (/\.csv$/i.test(file.name)) {
    const offerId = await env.importTargets.current(acting.member);
    if (!offerId) {
      const page = await env.offers.list(acting.member);
      const none = page.kind === 'page' && page.offers.length === 0;
      return listView(env, acting, undefined, { text: acting.tr.t(none ? 'solutions.contacts.noOffers' : 'solutions.contacts.noTarget'), color: 'Warning' });
    }
    const ref = { tenantId: acting.member.tenantId, offerId };
    const offer = await env.offers.view(acting.member, ref);
    if (!offer) return offerNotFound(acting).card;
    const downloaded = await downloadFile(file.content.downloadUrl, env.fileDownloads);
    const outcome = downloaded.ok
      ? await env.offers.importContactsFile(acting.member, ref, downloaded.bytes)
      : ({ kind: 'fileRejected', problem: downloaded.problem === 'tooLarge' ? 'tooLarge' : 'unreachable', offer } as const);
    env.logger.info('contacts file received', { offerId, userId: acting.member.userId, outcome: outcome.kind, ...(downloaded.ok ? { bytes: downloaded.bytes.byteLength } : { problem: downloaded.problem }) });
    return (importResultView(outcome, acting) ?? offerNotFound(acting)).card;
  }
  if (hasAcceptedDocumentType(file.name)) {
    const page = await env.offers.list(acting.member);
    const offers = page.kind === 'page' ? page.offers : [];
    if (offers.length === 0) return notice(acting, acting.tr.t('solutions.contacts.noOffers'), 'Warning');
    return renderDocumentForm(documentFormData(acting.member.tenantId, { offers, file: { fileName: file.name, url: file.contentUrl ?? '' } }, acting.tr));
  }
  return notice(acting, acting.tr.t('solutions.file.notDocument', { name: file.name }));
}

/** Takes a personal-chat message that carries files, before commands are read. */
export function fileInterceptor(env: SolutionsEnv): TextInterceptor {
  return async (context: TurnContext) => {
    const files = (context.activity.attachments ?? []).flatMap((a) => {
      const parsed = FileAttachment.safeParse(a);
      return parsed.success ? [parsed.data] : [];
    });
    if (files.length === 0) return false;
    const acting = actingOf(env.clock, context);
    if (!acting) return false;
    for (const file of files.slice(0, FILES_PER_MESSAGE)) {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await answerFile(env, acting, file))] });
    }
    return true;
  };
}
