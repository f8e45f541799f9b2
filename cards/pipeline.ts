import type { DateTime } from 'luxon';
import type { Money } from '../services/domain/model';
import { ANSWER_WINDOW_DAYS, type PipelineStage } from '../services/domain/pipeline';
import type { PipelineView } from '../services/deals/pipeline';
import { PIPELINE_DEALS_MAX } from '../services/deals/pipeline';
import { formatCountdown, formatDate, formatMoney, type Translator } from '../services/i18n';
import { renderCompactCard } from './compact';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/pipeline.json';
import { oneLine } from './untrusted';

/** Waiting referrals listed on the card, soonest to expire first; the others are counted. */
export const WAITING_SHOWN = 10;
/** Charts drawn, one per currency (amounts in different currencies are never put on one axis). */
export const CHARTS_SHOWN = 3;
/** The longest bar of the text chart (clients without chart elements), in blocks. */
const BAR_BLOCKS = 12;
/** Names on the waiting list: long enough to recognise, short enough for ten rows. */
const WAITING_NAME_SHOWN = 120;

export interface PipelineCardData {
  title: string;
  scope: string;
  notice: string;
  empty: string;
  stages: { label: string; count: string; values: string }[];
  total: { label: string; count: string; values: string };
  weighted: string;
  /**
   * One chart per currency: Teams draws Chart.HorizontalBar; clients that cannot draw it show the
   * fallback, the same bars as text. Every text here is ours (stage names, amounts).
   */
  charts: { title: string; bars: { label: string; amount: number; bar: string }[] }[];
  chartsNote: string;
  month: { title: string; figures: string };
  quarter: { title: string; figures: string };
  passed: string;
  waitingTitle: string;
  waitingNone: string;
  waiting: { dealId: string; tenantId: string; name: string; left: string }[];
  waitingMore: string;
  answer: string;
  labels: { byStage: string; weighted: string; answerTitle: string; answerWhy: string; open: string; refresh: string; tooLarge: string };
}

export function renderPipelineCard(data: PipelineCardData): AdaptiveCardJson {
  return renderCard(template, data, {
    shrink: [(d) => ({ ...d, waiting: d.waiting.slice(0, 3) })],
    compact: (d) => renderCompactCard({ title: d.title, message: d.labels.tooLarge }),
  });
}

const moneyLine = (values: readonly Money[], tr: Translator): string => (values.length === 0 ? tr.t('pipeline.noValue') : values.map((v) => formatMoney(v, tr.reader)).join(' · '));

function stageLabel(stage: PipelineStage, percent: number, tr: Translator): string {
  const name = stage.kind === 'sales' ? tr.tk(`stage.${stage.stage}`) : tr.tk(`assessmentStage.${stage.stage}`);
  return tr.t('deal.stageWithPercent', { stage: name, percent });
}

/** "about 5 hours": minutes under an hour, hours under two days, days beyond. */
export function answerDuration(ms: number, tr: Translator): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return tr.t('pipeline.duration.minutes', { n: minutes });
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return tr.t('pipeline.duration.hours', { n: hours });
  return tr.t('pipeline.duration.days', { n: Math.round(ms / 86_400_000) });
}

export function pipelineCardData(view: PipelineView, tenantId: string, tr: Translator, now: DateTime, today: string): PipelineCardData {
  const f = view.figures;
  const reader = tr.reader;
  const deals = (count: number) => tr.t('pipeline.deals', { count });
  const period = (p: { count: number; values: Money[] }) => tr.t('pipeline.period', { deals: deals(p.count), values: moneyLine(p.values, tr) });
  const notices = [
    view.openCapped ? tr.t('pipeline.capped', { count: PIPELINE_DEALS_MAX }) : '',
    view.answersCapped ? tr.t('pipeline.answersCapped', { count: PIPELINE_DEALS_MAX }) : '',
  ].filter(Boolean);

  const charted = f.currencies.slice(0, CHARTS_SHOWN).map((c) => c.currency);
  const charts = charted.map((currency) => {
    const bars = f.stages
      .map((s) => ({ label: stageLabel(s.stage, s.percent, tr), amount: s.values.find((v) => v.currency === currency)?.amount ?? 0 }))
      .filter((b) => b.amount > 0);
    const max = Math.max(...bars.map((b) => b.amount));
    return {
      title: tr.t('pipeline.chartTitle', { currency }),
      bars: bars.map((b) => ({
        ...b,
        bar: `${'▇'.repeat(Math.max(1, Math.round((b.amount / max) * BAR_BLOCKS)))} ${formatMoney({ amount: b.amount, currency }, reader)}`,
      })),
    };
  });

  return {
    title: tr.t('pipeline.title'),
    scope: tr.t(view.scope === 'organization' ? 'pipeline.scope.organization' : 'pipeline.scope.visible', { date: formatDate(today, reader) }),
    notice: notices.join('\n\n'),
    empty: f.total.count === 0 ? tr.t('pipeline.empty') : '',
    stages: f.stages.map((s) => ({ label: stageLabel(s.stage, s.percent, tr), count: deals(s.count), values: moneyLine(s.values, tr) })),
    total: { label: tr.t('pipeline.total'), count: deals(f.total.count), values: moneyLine(f.total.values, tr) },
    weighted: moneyLine(f.weighted, tr),
    charts,
    chartsNote: f.currencies.length > CHARTS_SHOWN ? tr.t('pipeline.chartsOmitted', { shown: CHARTS_SHOWN }) : '',
    month: { title: tr.t('pipeline.thisMonth', { from: formatDate(f.thisMonth.from, reader), to: formatDate(f.thisMonth.to, reader) }), figures: period(f.thisMonth) },
    quarter: { title: tr.t('pipeline.thisQuarter', { from: formatDate(f.thisQuarter.from, reader), to: formatDate(f.thisQuarter.to, reader) }), figures: period(f.thisQuarter) },
    passed: f.closeDatePassed > 0 ? tr.t('pipeline.closeDatePassed', { count: f.closeDatePassed }) : '',
    waitingTitle: tr.t('pipeline.waiting', { count: f.waiting.length }),
    waitingNone: f.waiting.length === 0 ? tr.t('pipeline.waitingNone') : '',
    waiting: f.waiting.slice(0, WAITING_SHOWN).map((w) => ({
      dealId: w.id,
      tenantId,
      name: tr.t('pipeline.waitingRow', { name: oneLine(w.name, WAITING_NAME_SHOWN), customer: oneLine(w.customer, WAITING_NAME_SHOWN) }),
      // The countdown every card uses (services/i18n formatCountdown), so the wording never differs.
      left: formatCountdown(w.expiresAt, now, tr),
    })),
    waitingMore: f.waiting.length > WAITING_SHOWN ? tr.t('pipeline.waitingMore', { count: f.waiting.length - WAITING_SHOWN }) : '',
    answer:
      f.medianAnswerMs === undefined
        ? tr.t('pipeline.answerNone', { days: ANSWER_WINDOW_DAYS })
        : tr.t('pipeline.answerTime', { days: ANSWER_WINDOW_DAYS, duration: answerDuration(f.medianAnswerMs, tr), count: f.answers }),
    labels: {
      byStage: tr.t('pipeline.byStage'),
      weighted: tr.t('pipeline.weighted'),
      answerTitle: tr.t('pipeline.answerTitle'),
      answerWhy: tr.t('pipeline.answerWhy'),
      open: tr.t('pipeline.open'),
      refresh: tr.t('pipeline.refresh'),
      tooLarge: tr.t('card.tooLarge'),
    },
  };
}
