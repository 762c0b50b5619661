// What the ops API answers, as the page reads it: the named schemas of the OpenAPI document, which
// is generated from the server's zod schemas (libs/contract/src/client/ops-api.generated.ts, through
// `@offramp/ops-api-types` in this app's tsconfig). Type-only: nothing of the server is bundled. The
// few shapes the document does not name are picked out of the ones it does.
import type { components, operations } from '@offramp/ops-api-types';

type Schemas = components['schemas'];

export type LifecycleState = Schemas['LifecycleState'];
export type Phase = Schemas['NoticePhase'] | null;
export type Reason = Schemas['Reason'];
export type Actor = Schemas['Actor'];
export type ApiError = Schemas['Error'];

export type Relationship = Schemas['Relationship'];
export type InputOutcome = Schemas['InputOutcome'];
export type CommandType = Schemas['CommandBody']['type'];
export type BoardCard = Schemas['BoardEntry'];
export type RiskPoint = BoardCard['riskTrend'][number];
export type RepairSummary = Schemas['RepairSummary'];
export type BoardSummary = Schemas['PortfolioBoard'];
/** A page of any list: the items, and where they stand in the whole. */
export type Page<T> = Omit<Schemas['RelationshipPage'], 'items'> & { items: T[] };
export type RelationshipPage = Schemas['RelationshipPage'];

export type AtRiskEntry = Schemas['AtRiskEntry'];
export type AtRiskPage = Schemas['AtRiskPage'];
export type SuggestedStrategy = Schemas['SuggestedStrategy'];
export type Episode = Schemas['AtRiskEpisode'];

export type NoticeEntry = Schemas['NoticeEntry'];
export type NoticePage = Schemas['NoticePage'];
/** An invoice not yet settled: payments add up (policy rule 27), `remaining` is what is still owed. */
export type OpenReceivable = NoticeEntry['openReceivables'][number];
export type NoticeGuard = NonNullable<NoticeEntry['blockedBy']>;

export type ParetoReport = Schemas['ParetoReport'];
export type ParetoRanking = Schemas['ParetoRanking'];
export type ExitLessons = Schemas['ExitLessons'];

export type Timeline = Schemas['Timeline'];
export type TimelineEntry = Schemas['TimelineEntry'];

export type Today = Schemas['Today'];
export type TodayItem = Today['items'][number];
export type TodayKind = TodayItem['kind'];

export type WebhookSubscription = Schemas['WebhookSubscription'];
export type WebhookSubscriptionList = Schemas['WebhookSubscriptionList'];
export type CreatedWebhookSubscription = Schemas['CreatedWebhookSubscription'];
export type WebhookDeliveryLog = Schemas['WebhookDeliveryLog'];
export type TestOutcome = Schemas['WebhookTestOutcome'];

export type TeamPolicy = Schemas['TeamPolicy'];
export type PolicyDocument = TeamPolicy['active']['document'];
export type PolicyField = Schemas['PolicyField'];
export type WhatIfJob = Schemas['WhatIfJob'];
export type ActivationBody = NonNullable<operations['activateTeamPolicy']['requestBody']>['content']['application/json'];
export type ChangedRelationship = Schemas['WhatIfResult']['changed'][number];
export type AtRiskMoment = Schemas['AtRiskMoment'];

/** Every state the server knows, once each, in lifecycle order: the order the page lists them in. */
const IN_ORDER: { [S in LifecycleState]: S } = { healthy: 'healthy', at_risk: 'at_risk', repair_attempt: 'repair_attempt', notice: 'notice', offboarded: 'offboarded' };
export const STATES: readonly LifecycleState[] = Object.values(IN_ORDER);
