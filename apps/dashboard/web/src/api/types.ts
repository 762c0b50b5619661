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
  version: number;
  /** When the relationship last entered at_risk. */
  atRiskSince?: string | null;
  repairOwner?: string | null;
  notice?: NoticeStatus | null;
}

export interface NoticeStatus {
  proposedAt?: string | null;
  coolingOffEndsAt?: string | null;
  redFlagExit?: boolean;
  contractReviewed?: boolean | null;
  terminationAllowed?: boolean | null;
  unpaidInvoices?: number;
  servedAt?: string | null;
  channel?: string | null;
  endsAt?: string | null;
  requiredSteps?: string[];
  stepsCompleted?: string[];
  stepsWaived?: string[];
}

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

export interface RiskPoint { at: string; riskScore: number }

export interface BoardCard {
  relationshipId: string;
  clientName: string;
  state: LifecycleState;
  phase: Phase;
  riskScore: number;
  reasons: Reason[];
  repairOwner?: string | null;
  trend?: RiskPoint[];
  updatedAt?: string;
}

export interface BoardSummary { counts: Partial<Record<LifecycleState, number>>; total?: number }

export interface SuggestedStrategy { strategy: string; forReasons: string[] }

export interface AtRiskEntry {
  relationshipId: string;
  clientName: string;
  riskScore: number;
  reasons: Reason[];
  atRiskSince: string;
  earlierEpisodes?: number;
  episodes?: string[];
  suggestedStrategies?: SuggestedStrategy[];
}

export interface NoticeEntry extends NoticeStatus {
  relationshipId: string;
  clientName: string;
  phase: Phase;
}

export interface ParetoEntry {
  relationshipId: string;
  clientName: string;
  trouble: number;
  share: number;
  cumulativeShare: number;
  unpaidHours?: number;
  inTop20?: boolean;
}
export interface Pareto { items: ParetoEntry[]; totalTrouble?: number; top20Share?: number }

export interface ExitLesson {
  relationshipId: string;
  clientName: string;
  offboardedAt: string | null;
  redFlagExit?: boolean;
  reasons: string[];
}
export interface ExitLessons { items: ExitLesson[]; reasonCounts?: Record<string, number> }

export interface TimelineEntry {
  kind: 'event' | 'refusal';
  at: string;
  type: string;
  version?: number;
  policyVersion?: string;
  actor?: { id: string; role?: string } | null;
  source?: string | null;
  inputType?: string;
  reasons?: Reason[];
  override?: { reason: string; by?: string } | null;
  riskScore?: number;
  refusal?: { code: string; message: string } | null;
  data?: Record<string, unknown>;
}
export interface Timeline { items: TimelineEntry[] }
