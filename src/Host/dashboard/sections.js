// The sections of a park's statistics that the page draws, each from the part of one `parkStatistics` query that a
// third-party dashboard would send too (and of `cityStatistics`, which has the same sections, for the centre's city
// view). To show a new section, add one entry: its selection and the figures it yields.
// A figure is { id, title, kind: 'numbers' | 'bar' | 'pie' | 'line', rows: [{ key, label?, labelKind?, value }] }; the page
// draws a chart and a table of it, and a null value (withheld for privacy) shows as such.

const breakdown = 'groups { key enterprises } foldedGroups otherWithheld';
const privacy = 'privacy { exact minimumGroupSize }';
const groups = (b, labelKind) => b.groups.map(g => ({ key: g.key, labelKind, value: g.enterprises }));
const counts = (list, labelKind) => list.map(c => ({ key: c.label, labelKind, value: c.count }));

export const sections = [
  {
    key: 'overview',
    selection: 'workstationCount openWorkstationCount serviceRecordCount',
    data: stats => stats,
    figures: s => [
      { id: 'overview.numbers', title: 'overview', kind: 'numbers', rows: [
        { key: 'workstations', value: s.workstationCount },
        { key: 'openWorkstations', value: s.openWorkstationCount },
        { key: 'serviceRecords', value: s.serviceRecordCount },
      ] },
    ],
  },
  {
    key: 'enterprises',
    selection: `enterprises(from: $from, to: $to) { settled settledPerMonth { month enterprises } byTargetMarket { ${breakdown} }
      bySalesPlatform { ${breakdown} } byProductCategory { ${breakdown} } byLegalForm { ${breakdown} }
      certifications { platform status enterprises } certificationsExpiringIn30Days certificationsExpiringIn90Days ${privacy} }`,
    data: stats => stats.enterprises,
    figures: e => [
      { id: 'enterprises.numbers', title: 'enterprises', kind: 'numbers', rows: [
        { key: 'settled', value: e.settled },
        { key: 'expiring30', value: e.certificationsExpiringIn30Days },
        { key: 'expiring90', value: e.certificationsExpiringIn90Days },
      ] },
      { id: 'enterprises.settledPerMonth', title: 'settledPerMonth', kind: 'line', rows: e.settledPerMonth.map(m => ({ key: m.month, label: m.month.slice(0, 7), value: m.enterprises })) },
      { id: 'enterprises.byTargetMarket', title: 'byTargetMarket', kind: 'bar', rows: groups(e.byTargetMarket, 'market') },
      { id: 'enterprises.bySalesPlatform', title: 'bySalesPlatform', kind: 'pie', rows: groups(e.bySalesPlatform, 'enum') },
      { id: 'enterprises.byProductCategory', title: 'byProductCategory', kind: 'bar', rows: groups(e.byProductCategory, 'enum') },
      { id: 'enterprises.byLegalForm', title: 'byLegalForm', kind: 'pie', rows: groups(e.byLegalForm, 'enum') },
      { id: 'enterprises.certifications', title: 'certifications', kind: 'bar',
        rows: e.certifications.map(c => ({ key: `${c.platform}/${c.status}`, labelKind: 'parts', value: c.enterprises })) },
    ],
  },
  {
    key: 'services',
    selection: 'servicesPerMonth(from: $from, to: $to) { month consultations guidanceVisits }',
    data: stats => stats.servicesPerMonth,
    figures: months => [
      { id: 'services.consultations', title: 'consultationsPerMonth', kind: 'line', rows: months.map(m => ({ key: m.month, label: m.month.slice(0, 7), value: m.consultations })) },
      { id: 'services.guidanceVisits', title: 'guidanceVisitsPerMonth', kind: 'line', rows: months.map(m => ({ key: m.month, label: m.month.slice(0, 7), value: m.guidanceVisits })) },
    ],
  },
  {
    key: 'portfolios',
    selection: `portfolios(from: $from, to: $to) { rights enterprisesHoldingRights rightsByKindJurisdictionStatus { kind status jurisdiction rights }
      enterprisesWithCoverageGaps coverageGapsByMarket { ${breakdown} } deadlinesDue deadlinesMissed deadlinesDone ${privacy} }`,
    data: stats => stats.portfolios,
    figures: p => [
      { id: 'portfolios.numbers', title: 'portfolios', kind: 'numbers', rows: [
        { key: 'rights', value: p.rights },
        { key: 'enterprisesHoldingRights', value: p.enterprisesHoldingRights },
        { key: 'enterprisesWithCoverageGaps', value: p.enterprisesWithCoverageGaps },
        { key: 'deadlinesDue', value: p.deadlinesDue },
        { key: 'deadlinesMissed', value: p.deadlinesMissed },
        { key: 'deadlinesDone', value: p.deadlinesDone },
      ] },
      { id: 'portfolios.rights', title: 'rightsByKind', kind: 'bar',
        rows: p.rightsByKindJurisdictionStatus.map(r => ({ key: `${r.kind}/${r.jurisdiction}/${r.status}`, labelKind: 'parts', value: r.rights })) },
      { id: 'portfolios.coverageGapsByMarket', title: 'coverageGapsByMarket', kind: 'bar', rows: groups(p.coverageGapsByMarket, 'market') },
    ],
  },
  {
    key: 'training',
    selection: `training(from: $from, to: $to) { sessionsHeld attendees uniqueEnterprises averageSatisfaction sessionsHeldByKind { kind count } ${privacy} }`,
    data: stats => stats.training,
    figures: t => [
      { id: 'training.numbers', title: 'training', kind: 'numbers', rows: [
        { key: 'sessionsHeld', value: t.sessionsHeld },
        { key: 'attendees', value: t.attendees },
        { key: 'uniqueEnterprises', value: t.uniqueEnterprises },
        { key: 'averageSatisfaction', value: t.averageSatisfaction },
      ] },
      { id: 'training.sessionsHeldByKind', title: 'sessionsHeldByKind', kind: 'bar', rows: t.sessionsHeldByKind.map(k => ({ key: k.kind, labelKind: 'enum', value: k.count })) },
    ],
  },
  {
    key: 'disputes',
    selection: `disputes(from: $from, to: $to) { openByStage { label count } openByPlatform { label count } closedByOutcome { label count } medianDaysToClose
      warningsReceived reach acknowledged ${privacy} }`,
    data: stats => stats.disputes,
    figures: d => [
      { id: 'disputes.numbers', title: 'disputes', kind: 'numbers', rows: [
        { key: 'warningsReceived', value: d.warningsReceived },
        { key: 'reach', value: d.reach },
        { key: 'acknowledged', value: d.acknowledged },
        { key: 'medianDaysToClose', value: d.medianDaysToClose },
      ] },
      { id: 'disputes.openByStage', title: 'openByStage', kind: 'bar', rows: counts(d.openByStage, 'enum') },
      { id: 'disputes.openByPlatform', title: 'openByPlatform', kind: 'pie', rows: counts(d.openByPlatform, 'enum') },
      { id: 'disputes.closedByOutcome', title: 'closedByOutcome', kind: 'pie', rows: counts(d.closedByOutcome, 'enum') },
    ],
  },
];

/** The page's query for one park: the same `parkStatistics` operation a third-party dashboard sends. */
export const dashboardQuery = `query ParkDashboard($park: ID!, $from: DateOnly, $to: DateOnly) {
  parkStatistics(parkId: $park) { park { id name } ${sections.map(s => s.selection).join('\n    ')} }
}`;

/** The centre's whole-city view: the same sections of `cityStatistics` (which has them all, exact), drawn the same way. */
export const cityQuery = `query CityDashboard($from: DateOnly, $to: DateOnly) {
  cityStatistics { ${sections.map(s => s.selection).join('\n    ')} }
}`;
