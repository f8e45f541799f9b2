import { createHash } from 'node:crypto';
import { TenantId } from '../services/domain/model';
import type { PartnerCenterService } from '../services/partnerCenter';
import type { WebhookVerifier } from '../services/partnerCenter/webhook';
import { MAX_API_BYTES, reply } from './api';
import { ClientGone, declaresMoreThan, readBody, refusedEncoding } from './http/body';
import type { Logger } from './logger';
import type { HttpRoute } from './server';

export interface PartnerCenterEventsDeps {
  readonly service: PartnerCenterService;
  readonly verifier: WebhookVerifier;
  readonly logger: Logger;
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * POST /api/partner-center/events?tenant=<id>: Partner Center's webhook callbacks. A callback that is
 * not signed by Partner Center (services/partnerCenter/webhook.ts says what that means) is answered
 * 401 and logged, and nothing is read from Partner Center for it. A genuine one queues a read of the
 * referral it names and is answered at once; the read itself happens in the outbox, with the
 * organization's own token. 413 above 64 KiB, 415 compressed (bot/http/body.ts says why); 400 without
 * a tenant.
 */
export function partnerCenterEventsRoute(deps: PartnerCenterEventsDeps): HttpRoute {
  return {
    method: 'post',
    path: '/api/partner-center/events',
    handler: async (req, res) => {
      const log = deps.logger.child({ route: 'partnerCenter.events' });
      const tooLarge = () => {
        log.warn('partner center callback refused: too large', { contentLength: req.header('content-length') });
        reply(res, 413, { error: 'payload_too_large' });
      };
      const encoding = refusedEncoding(req.header('content-encoding'));
      if (encoding) {
        log.warn('partner center callback refused: compressed body', { contentEncoding: encoding });
        return reply(res, 415, { error: 'unsupported_media_type' });
      }
      if (declaresMoreThan(req.header('content-length'), MAX_API_BYTES)) return tooLarge();
      let raw: string | undefined;
      try {
        raw = await readBody(req, MAX_API_BYTES);
      } catch (err) {
        if (!(err instanceof ClientGone)) throw err;
        return log.info('partner center callback: the sender left before its body was complete');
      }
      if (raw === undefined) return tooLarge();
      const tenant = TenantId.safeParse(new URL(req.url ?? '/', 'http://callback').searchParams.get('tenant') ?? '');
      const verification = await deps.verifier.verify(
        {
          authorization: header(req.headers.authorization),
          signature: header(req.headers['x-ms-signature']),
          certificateUrl: header(req.headers['x-ms-certificate-url']),
          algorithm: header(req.headers['x-ms-signature-algorithm']),
        },
        Buffer.from(raw, 'utf8'),
      );
      if (!verification.ok) {
        log.warn('partner center callback refused', { reason: verification.reason, tenantId: tenant.success ? tenant.data : undefined, certificateUrl: header(req.headers['x-ms-certificate-url'])?.slice(0, 300) });
        return reply(res, 401, { error: 'unauthorized' });
      }
      if (!tenant.success) {
        log.warn('partner center callback without a tenant', { event: verification.event.EventName });
        return reply(res, 400, { error: 'unknown_tenant' });
      }
      const digest = createHash('sha256').update(raw, 'utf8').digest('base64url').slice(0, 32);
      const outcome = await deps.service.receive(tenant.data, verification.event, digest);
      log.info('partner center callback', { tenantId: tenant.data, event: verification.event.EventName, outcome });
      return reply(res, 200, { status: outcome });
    },
  };
}
