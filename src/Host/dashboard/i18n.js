// Chinese and English for the dashboard: page text, and the labels of the API's enum values. A value without a label
// here shows as the API spells it, so a new enum value never breaks the page.

const text = {
  zh: {
    title: '园区知识产权看板', signIn: '登录', signOut: '退出', signedInAs: '当前用户：', notSignedIn: '请先登录以查看园区数据。',
    park: '园区', wholeCity: '全市', from: '起始日期', to: '截止日期', show: '刷新', language: 'English', loading: '正在加载…',
    noPark: '无法查看该园区的数据。', noData: '暂无数据', error: '加载失败：', privacyExact: '精确数据',
    privacyProtected: '小样本已保护（少于 {n} 家企业的分组已合并或隐去）', withheld: '已隐去',
    overview: '概况', workstations: '工作站', openWorkstations: '运营中的工作站', serviceRecords: '咨询与指导服务',
    enterprises: '企业', settled: '入驻企业', settledPerMonth: '每月入驻企业', byTargetMarket: '目标市场', bySalesPlatform: '销售平台',
    byProductCategory: '产品类别', byLegalForm: '企业类型', certifications: '平台合规认证', expiring30: '30 天内到期的认证', expiring90: '90 天内到期的认证',
    training: '培训', sessionsHeld: '已举办场次', sessionsHeldByKind: '按类型的已举办场次', attendees: '参训人数', uniqueEnterprises: '参训企业',
    averageSatisfaction: '平均满意度', disputes: '纠纷与预警', openByStage: '未结案件（按阶段）', openByPlatform: '未结案件（按平台）',
    closedByOutcome: '已结案件（按结果）', medianDaysToClose: '结案天数中位数', warningsReceived: '收到的风险预警', reach: '预警触达', acknowledged: '已确认',
    key: '分组', value: '数值', enterprisesCount: '企业数', count: '数量',
    services: '咨询与指导', consultationsPerMonth: '每月咨询', guidanceVisitsPerMonth: '每月上门指导',
    portfolios: '知识产权', rights: '知识产权数', enterprisesHoldingRights: '持有知识产权的企业', enterprisesWithCoverageGaps: '存在保护缺口的企业',
    deadlinesDue: '到期期限', deadlinesMissed: '已错过的期限', deadlinesDone: '已办理的期限', rightsByKind: '知识产权（类型 · 法域 · 状态）',
    coverageGapsByMarket: '保护缺口（按市场）',
  },
  en: {
    title: 'Park IP dashboard', signIn: 'Sign in', signOut: 'Sign out', signedInAs: 'Signed in as ', notSignedIn: 'Sign in to see the park\'s figures.',
    park: 'Park', wholeCity: 'Whole city', from: 'From', to: 'To', show: 'Refresh', language: '中文', loading: 'Loading…',
    noPark: 'The figures of this park are not available to you.', noData: 'No data', error: 'Could not load: ', privacyExact: 'Exact figures',
    privacyProtected: 'Small groups protected (groups of fewer than {n} enterprises folded or withheld)', withheld: 'withheld',
    overview: 'Overview', workstations: 'Workstations', openWorkstations: 'Open workstations', serviceRecords: 'Consultations and guidance visits',
    enterprises: 'Enterprises', settled: 'Settled enterprises', settledPerMonth: 'Enterprises settled per month', byTargetMarket: 'Target markets', bySalesPlatform: 'Sales platforms',
    byProductCategory: 'Product categories', byLegalForm: 'Legal forms', certifications: 'Platform compliance certifications', expiring30: 'Certificates expiring in 30 days', expiring90: 'Certificates expiring in 90 days',
    training: 'Training', sessionsHeld: 'Sessions held', sessionsHeldByKind: 'Sessions held by kind', attendees: 'Attendees', uniqueEnterprises: 'Enterprises trained',
    averageSatisfaction: 'Average satisfaction', disputes: 'Disputes and warnings', openByStage: 'Open cases by stage', openByPlatform: 'Open cases by platform',
    closedByOutcome: 'Closed cases by outcome', medianDaysToClose: 'Median days to close', warningsReceived: 'Risk warnings received', reach: 'Warning notifications', acknowledged: 'Acknowledged',
    key: 'Group', value: 'Value', enterprisesCount: 'Enterprises', count: 'Count',
    services: 'Consultations and guidance', consultationsPerMonth: 'Consultations per month', guidanceVisitsPerMonth: 'Guidance visits per month',
    portfolios: 'IP rights', rights: 'Rights', enterprisesHoldingRights: 'Enterprises holding rights', enterprisesWithCoverageGaps: 'Enterprises with coverage gaps',
    deadlinesDue: 'Deadlines due', deadlinesMissed: 'Deadlines missed', deadlinesDone: 'Deadlines done', rightsByKind: 'Rights by kind · jurisdiction · status',
    coverageGapsByMarket: 'Coverage gaps by market',
  },
};

// Enum labels as [Chinese, English]. Keys are the API's spelling; the Disputes section spells enums in C# style
// (AliExpress, DefaultJudgment), which labelOf() normalises first.
const enums = {
  OTHER: ['其他', 'Other'],
  NOON: ['Noon', 'Noon'], AMAZON: ['亚马逊', 'Amazon'], EBAY: ['eBay', 'eBay'], ALI_EXPRESS: ['速卖通', 'AliExpress'], ALIBABA: ['阿里巴巴国际站', 'Alibaba.com'],
  TEMU: ['Temu', 'Temu'], SHEIN: ['希音', 'SHEIN'], TIK_TOK_SHOP: ['TikTok Shop', 'TikTok Shop'], SHOPEE: ['虾皮', 'Shopee'], LAZADA: ['来赞达', 'Lazada'],
  OWN_SITE: ['独立站', 'Own site'], NONE: ['无平台', 'No platform'],
  NOT_STARTED: ['未开始', 'Not started'], IN_PROGRESS: ['认证中', 'In progress'], CERTIFIED: ['已认证', 'Certified'], EXPIRED: ['已过期', 'Expired'], REVOKED: ['已撤销', 'Revoked'],
  LIMITED_LIABILITY_COMPANY: ['有限责任公司', 'Limited liability company'], JOINT_STOCK_COMPANY: ['股份有限公司', 'Joint-stock company'],
  SOLE_PROPRIETORSHIP: ['个人独资企业', 'Sole proprietorship'], PARTNERSHIP: ['合伙企业', 'Partnership'], INDIVIDUAL_BUSINESS: ['个体工商户', 'Individual business'],
  FOREIGN_INVESTED: ['外商投资企业', 'Foreign-invested enterprise'],
  TRAINING: ['培训', 'Training'], IP_SALON: ['知识产权沙龙', 'IP salon'], ONLINE_WEBINAR: ['线上讲座', 'Online webinar'], ONE_ON_ONE_CLINIC: ['一对一辅导', 'One-on-one clinic'],
  UPHELD: ['维持', 'Upheld'], REJECTED: ['驳回', 'Rejected'], SETTLED: ['和解', 'Settled'], REINSTATED: ['已恢复', 'Reinstated'], WITHDRAWN: ['撤回', 'Withdrawn'],
  DEFAULT_JUDGMENT: ['缺席判决', 'Default judgment'], FUNDS_RELEASED: ['资金解冻', 'Funds released'],
  TRADEMARK: ['商标', 'Trademark'], INVENTION_PATENT: ['发明专利', 'Invention patent'], UTILITY_MODEL: ['实用新型', 'Utility model'],
  DESIGN: ['外观设计', 'Design'], COPYRIGHT: ['著作权', 'Copyright'],
  PLANNED: ['计划申请', 'Planned'], FILED: ['已申请', 'Filed'], PUBLISHED: ['已公告', 'Published'], OPPOSED: ['被异议', 'Opposed'],
  REGISTERED: ['已注册', 'Registered'], RENEWED: ['已续展', 'Renewed'], LAPSED: ['已失效', 'Lapsed'], ABANDONED: ['已放弃', 'Abandoned'],
  REFUSED: ['已驳回', 'Refused'], INVALIDATED: ['已宣告无效', 'Invalidated'],
  OPENED: ['已立案', 'Opened'], COMPLAINT_RECEIVED: ['收到投诉', 'Complaint received'], NOTICE_RECEIVED: ['收到通知', 'Notice received'], RESPONDED: ['已答复', 'Responded'],
  OPPOSITION_FILED: ['已提出异议', 'Opposition filed'], SUIT_FILED: ['已起诉', 'Suit filed'], TRO_GRANTED: ['临时禁令已签发', 'TRO granted'], SETTLEMENT_TALKS: ['和解谈判', 'Settlement talks'],
  NEGOTIATING: ['协商中', 'Negotiating'], ESCALATED: ['已升级', 'Escalated'], DECIDED: ['已裁决', 'Decided'], SERVED: ['已送达', 'Served'], ANSWERED: ['已答辩', 'Answered'],
};

export const languages = ['zh', 'en'];

/** The language chosen on this tab, else the browser's: Chinese for any zh-*, English otherwise. */
export function initialLanguage() {
  const chosen = sessionStorage.getItem('dashboard-lang');
  if (languages.includes(chosen)) return chosen;
  return (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function t(lang, key, values = {}) {
  const template = text[lang][key] ?? text.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

const regions = {};

/** The label of an enum value, market code (a region name from the browser's own data) or stage key. */
export function labelOf(lang, kind, value) {
  const key = String(value).replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  if (enums[key]) return enums[key][lang === 'zh' ? 0 : 1];
  if (kind === 'market' && /^[A-Z]{2}$/.test(key)) {
    regions[lang] ??= new Intl.DisplayNames([lang === 'zh' ? 'zh-CN' : 'en'], { type: 'region' });
    try { return regions[lang].of(key) ?? value; } catch { return value; }
  }
  return String(value);
}
