import { describeRefusal } from '../../../services/i18n';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { actingInOrganization, listView, type SolutionsEnv } from './views';

/** Record (or withdraw) the organization's vetting for solution assessments: referral admins with global scope (003). */
export function recordVetting(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'org.vetting',
    handle: (request) =>
      guarded(async () => {
        const acting = await actingInOrganization(env, request);
        const vetted = request.data.vetted === 'true' || request.data.vetted === true;
        const before = await env.offers.organization(acting.member.tenantId);
        const result = await env.offers.recordAssessmentVetting(acting.member, vetted);
        if (!result.ok) {
          env.logger.info('vetting refused', { code: result.refusal.code, userId: acting.member.userId });
          return { card: await listView(env, acting, undefined, { text: describeRefusal(result.refusal, acting.tr), color: 'Attention' }) };
        }
        const changed = before?.assessmentVetted !== result.value.assessmentVetted;
        if (changed) env.logger.info('assessment vetting recorded', { tenantId: acting.member.tenantId, vetted, userId: acting.member.userId });
        const text = !changed ? acting.tr.t('solutions.vetting.unchanged') : vetted ? acting.tr.t('solutions.vetting.recorded') : acting.tr.t('solutions.vetting.withdrawn');
        return { card: await listView(env, acting, undefined, { text, color: 'Good' }) };
      }),
  };
}
