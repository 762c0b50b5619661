// What the ops API returns, as the page reads it. Optional fields are ones the page shows when the
// API gives them.
export const STATES = ['healthy', 'at_risk', 'repair_attempt', 'notice', 'offboarded'] as const;
export type LifecycleState = (typeof STATES)[number];
export type Phase = 'preparing' | 'served' | null;

export interface Reason { code: string; message: string; since: string; signalIds: string[] }

export interface Relationship {
  relationshipId: string;
  clientName: string;
  teamId: string;
  state: LifecycleState;
  phase: Phase;
  riskScore: number;
  reasons: Reason[];
  /** Who looks after the account, if anyone was assigned. */
  accountOwnerId?: string | null;
  version: number;
}

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

export interface RiskPoint { at: string; score: number }
export interface RepairSummary { strategy: string; ownerId: string; reviewOn: string; startedAt: string }

export interface BoardCard {
  relationshipId: string;
  clientName: string;
  state: LifecycleState;
  phase: Phase;
  riskScore: number;
  riskTrend: RiskPoint[];
  topReasons: Reason[];
  repairOwner: string | null;
  accountOwner?: string | null;
  repair: RepairSummary | null;
  version: number;
  updatedAt: string;
}

export interface BoardSummary { counts: { byState: Record<LifecycleState, number>; byPhase: { preparing: number; served: number }; total: number } }

export interface SuggestedStrategy { strategy: string; forReasons: string[] }
export interface Episode { startedAt: string; endedAt: string; endedIn: LifecycleState; reasons: string[] }

export interface AtRiskEntry {
  relationshipId: string;
  clientName: string;
  state: 'at_risk' | 'repair_attempt';
  riskScore: number;
  reasons: Reason[];
  atRiskSince: string;
  hoursAtRisk: number;
  earlierEpisodes: Episode[];
  repair: RepairSummary | null;
  suggestedStrategies: SuggestedStrategy[];
}

/** An invoice not yet settled: payments add up (policy rule 27), `remaining` is what is still owed. */
export interface OpenReceivable { invoiceId: string; amount: number; paid: number; remaining: number; dueOn: string }

export type NoticeGuard = 'cooling_off' | 'contract_not_reviewed' | 'receivables_outstanding' | 'checklist_incomplete';

export interface NoticeEntry {
  relationshipId: string;
  clientName: string;
  phase: 'preparing' | 'served';
  proposedAt: string | null;
  coolingOffEndsAt: string | null;
  redFlagExit: boolean;
  contractReviewed: boolean;
  terminationAllowed: boolean;
  openReceivables: OpenReceivable[];
  servedAt: string | null;
  channel: string | null;
  noticeDays: number | null;
  noticeEndsAt: string | null;
  stepsRequired: string[];
  stepsCompleted: string[];
  stepsWaived: string[];
  stepsOpen: string[];
  checklist: { required: string[]; done: string[]; open: string[]; progress: number };
  blockedBy: NoticeGuard | null;
}

export interface ParetoEntry {
  relationshipId: string;
  clientName: string;
  trouble: number;
  signs: Record<string, number>;
  hoursLogged: number;
  overBudgetHours: number;
  lostMoney: number;
  unpaidAmount: number;
}
export interface ParetoRanking { top: ParetoEntry[]; topCount: number; topShare: number; total: number; ranking: ParetoEntry[] }
export interface Pareto { clients: number; byTrouble: ParetoRanking; byCost: ParetoRanking }

export interface ExitRecord { reasons: Reason[]; statedReasons: string[]; redFlagExit: boolean }
export interface ExitLessons {
  exits: number;
  signsBeforeExit: { code: string; exits: number; share: number }[];
  offboarded: { relationshipId: string; clientName: string; offboardedAt: string; exit: ExitRecord | null; signs: Record<string, number> }[];
  returningClients: { relationshipId: string; clientName: string; state: string; openedAt: string; earlierExits: { relationshipId: string; offboardedAt: string; exit: ExitRecord }[] }[];
}

export interface Actor { id: string; teamId: string; role: string }
export type TimelineEntry =
  | { kind: 'event'; at: string; version: number; type: string; input: { kind: string; id: string; type: string; source?: string; actor?: Actor }; actor: Actor | null; policyVersion: string; reasons: Reason[]; override: unknown; data: Record<string, unknown> }
  | { kind: 'refusal'; at: string; input: { kind: string; id: string; type: string }; actorId: string | null; refusal: { code: string; message: string; field?: string } };
export interface Timeline { relationshipId: string; entries: TimelineEntry[] }
