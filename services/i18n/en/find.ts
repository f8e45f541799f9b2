/**
 * English messages of finding and seeing deals: search (`search <words>`, the search box on lists) and
 * the pipeline at a glance (`pipeline`). ICU MessageFormat syntax. Merged into the catalog by
 * services/i18n/en/index.ts.
 */
export const find = {
  'help.command.search': 'find deals by name, customer, ID, CRM ID or partner',
  'help.command.pipeline': 'open deals by stage, forecast, what closes soon',

  // Search.
  'search.title': 'Search deals',
  'search.titleWords': 'Deals matching “{words}”',
  'search.prompt':
    'Type part of a deal’s name, its customer, its ID, its CRM ID or a partner: typos and accents do not matter. You can also type stage:qualified, inbound or outbound, before:2027-03-31.',
  'search.query': 'Search for',
  'search.placeholder': 'Name, customer, ID, CRM ID or partner',
  'search.listPlaceholder': 'Search deals',
  'search.stage': 'Stage',
  'search.anyStage': 'Any stage',
  'search.direction': 'Direction',
  'search.anyDirection': 'Inbound and outbound',
  'search.closeBy': 'Closing on or before',
  'search.submit': 'Search',
  'search.none': 'No deal you can see matches. Try fewer words, part of a word, or another filter.',
  'search.count': '{total, plural, one {One match} other {# matches}}, showing {from}–{to}.',
  'search.capped': 'More deals match than I rank: these are the best of the {count} most recent. Add words or a filter to narrow the search.',
  'search.filters': 'Filters: {filters}.',
  'search.filter.stage': 'stage {stage}',
  'search.filter.closeBy': 'closing on or before {date}',
  'search.shortened': 'I searched the first {words} words (at most {chars} characters) of what you typed.',
  'search.unknownStage': 'There is no stage “{value}”. Use one of: {stages}.',
  'search.badDirection': '“{value}” is not a direction: use inbound or outbound.',
  'search.badDate': '“{value}” is not a date I can read: write it as 2027-03-31, or pick it below.',
  'search.restarted': 'That page is out of date. Here are the first results.',
  'search.row': 'ID {id} · {customer} · {value}',

  // The pipeline.
  'pipeline.title': 'Pipeline',
  'pipeline.scope.organization': 'Open deals of your organization, on {date}.',
  'pipeline.scope.visible': 'Open deals you can see (on their team, in your locations), on {date}.',
  'pipeline.empty': 'No open deals.',
  'pipeline.byStage': 'By sales stage',
  'pipeline.deals': '{count, plural, one {# deal} other {# deals}}',
  'pipeline.total': 'All open deals',
  'pipeline.weighted': 'Weighted forecast (value × stage %)',
  'pipeline.chartTitle': 'Value by stage, {currency}',
  'pipeline.chartsOmitted': 'The charts show the {shown} currencies with the most deals; the figures above list every currency.',
  'pipeline.thisMonth': 'Closing this month ({from} – {to})',
  'pipeline.thisQuarter': 'Closing this quarter ({from} – {to})',
  'pipeline.period': '{deals} · {values}',
  'pipeline.noValue': '—',
  'pipeline.closeDatePassed': '{count, plural, one {One open deal has} other {# open deals have}} a close date in the past.',
  'pipeline.waiting': 'Referrals waiting for an answer ({count})',
  'pipeline.waitingNone': 'No referral is waiting for an answer.',
  'pipeline.waitingRow': '{name} · {customer}',
  'pipeline.waitingMore': 'And {count, plural, one {one more} other {# more}}: type “inbound” to see them all.',
  'pipeline.answerTitle': 'How fast your organization answers referrals',
  'pipeline.answerTime':
    'Median time to accept or decline a referral over the last {days} days: {duration} ({count, plural, one {# answer} other {# answers}}).',
  'pipeline.answerNone': 'No referral was accepted or declined in the last {days} days.',
  'pipeline.answerWhy': 'Answering fast raises your organization’s visibility in partner search.',
  'pipeline.duration.minutes': '{n, plural, one {# minute} other {# minutes}}',
  'pipeline.duration.hours': '{n, plural, one {# hour} other {# hours}}',
  'pipeline.duration.days': '{n, plural, one {# day} other {# days}}',
  'pipeline.capped': 'These figures count the {count} most recently created open deals; older ones are left out.',
  'pipeline.answersCapped': 'The answer time counts the {count} most recent referrals answered.',
  'pipeline.refresh': 'Refresh',
  'pipeline.open': 'Open',
} as const;
