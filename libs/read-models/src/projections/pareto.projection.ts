// Read model 5: the Pareto report (000: about 20% of clients cause most of the trouble). Per
// relationship: its warning signs weighted, and the time and money it costs beyond what it pays.
import { DEFAULT_POLICY, relationshipEventOf, type PaymentRecord, type ReasonCode, type RecordedSignal, type RelationshipEvent } from '@offramp/domain';
import type { Projection } from '../projection';
import { isoTime, upsertRows, type Row } from './sql-rows';
import { recordedSignalOf, warningSignOf } from './warning-signs';

export const PARETO_TABLE = 'rm_pareto';

/**
 * How much one sign weighs in the trouble ranking: what the default policy's risk score gives it
 * (policy rule 24: slow burners their weight, the signs rules 1–4 count theirs, a red flag the
 * red-flag score), so the ranking and the score agree on what is worst.
 */
const { weights, countedSignWeights, redFlags, redFlagScore } = DEFAULT_POLICY.riskScore;
export const troubleWeightOf = (code: ReasonCode): number =>
  (redFlags.includes(code) ? redFlagScore : undefined) ?? weights[code] ?? countedSignWeights[code] ?? 10;

interface ParetoRow {
  team_id: string; client_name: string; trouble: number; signs: Partial<Record<ReasonCode, number>>; monthly_budget_hours: number | null;
  hours_by_month: Record<string, number>; lost_money: number; open_invoices: Record<string, number>;
}

const blank = (): ParetoRow => ({ team_id: '', client_name: '', trouble: 0, signs: {}, monthly_budget_hours: null, hours_by_month: {}, lost_money: 0, open_invoices: {} });

export const overBudgetHoursOf = (row: Pick<ParetoRow, 'monthly_budget_hours' | 'hours_by_month'>): number =>
  row.monthly_budget_hours === null ? 0 : Object.values(row.hours_by_month).reduce((sum, h) => sum + Math.max(0, h - row.monthly_budget_hours!), 0);

export const paretoProjection: Projection = {
  name: 'pareto',
  tables: [PARETO_TABLE],
  migrations: [{
    id: 'read-models/050_pareto',
    sql: `CREATE TABLE IF NOT EXISTS ${PARETO_TABLE} (
      relationship_id text PRIMARY KEY,
      team_id text NOT NULL,
      client_name text NOT NULL,
      trouble double precision NOT NULL,
      signs jsonb NOT NULL,
      monthly_budget_hours double precision,
      hours_by_month jsonb NOT NULL,
      hours_logged double precision NOT NULL,
      over_budget_hours double precision NOT NULL,
      lost_money double precision NOT NULL,
      open_invoices jsonb NOT NULL,
      unpaid_amount double precision NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${PARETO_TABLE}_team ON ${PARETO_TABLE} (team_id);`,
  }],
  async apply(tx, allEvents) {
    // Most facts (everyday signals, timers) change nothing here: only the rest load and write a row.
    const events = allEvents.filter(({ event, version }) => version === 1 || countsHere(relationshipEventOf(event)));
    if (events.length === 0) return;
    const ids = [...new Set(events.map((e) => e.streamId))];
    const { rows } = await tx.query<ParetoRow & { relationship_id: string }>(
      `SELECT relationship_id, team_id, client_name, trouble, signs, monthly_budget_hours, hours_by_month, lost_money, open_invoices
         FROM ${PARETO_TABLE} WHERE relationship_id = ANY($1::text[])`,
      [ids],
    );
    const byId = new Map<string, ParetoRow>(rows.map(({ relationship_id, ...row }) => [relationship_id, row]));
    for (const stored of events) {
      const { streamId } = stored;
      const event = relationshipEventOf(stored.event);
      const row = byId.get(streamId) ?? blank();
      byId.set(streamId, row);
      if (event.type === 'RelationshipOpened') {
        const { teamId, clientName, settings } = event.data;
        Object.assign(row, { team_id: teamId, client_name: clientName, monthly_budget_hours: settings.monthlyBudgetHours });
      }
      const sign = warningSignOf(event);
      if (sign) {
        row.trouble += troubleWeightOf(sign.code);
        row.signs[sign.code] = (row.signs[sign.code] ?? 0) + 1;
      }
      const signal = recordedSignalOf(event);
      if (signal) countCost(row, signal, event.type === 'SignalRecorded' ? event.data.payment : undefined, event.at);
    }
    const written: Row[] = [];
    for (const [relationshipId, row] of byId) {
      written.push({
        relationship_id: relationshipId,
        team_id: row.team_id,
        client_name: row.client_name,
        trouble: row.trouble,
        signs: row.signs,
        monthly_budget_hours: row.monthly_budget_hours,
        hours_by_month: row.hours_by_month,
        hours_logged: Object.values(row.hours_by_month).reduce((a, b) => a + b, 0),
        over_budget_hours: overBudgetHoursOf(row),
        lost_money: row.lost_money,
        open_invoices: row.open_invoices,
        unpaid_amount: Object.values(row.open_invoices).reduce((a, b) => a + b, 0),
      });
    }
    await upsertRows(tx, PARETO_TABLE, 'relationship_id', written);
  },
};

/** Signal types that cost time or money. */
const COST_SIGNALS: ReadonlySet<string> = new Set(['time.logged', 'period.closed', 'invoice.issued', 'invoice.paid']);

/** Whether a fact changes a relationship's row: its opening, a warning sign or a cost. */
function countsHere(event: RelationshipEvent): boolean {
  if (event.type === 'RelationshipOpened' || warningSignOf(event)) return true;
  const signal = recordedSignalOf(event);
  return signal !== null && COST_SIGNALS.has(signal.type);
}

/**
 * The row is this page's own copy (loaded or new): counts keyed by sign code or month change in
 * place; invoices, keyed by ids a client chose, are copied (an id may be `__proto__`). Time logged per calendar month (UTC), money lost on losing periods, receivables still open: a
 * payment as the domain recorded it (policy rule 27: payments add up; without a record it closed the invoice).
 */
function countCost(row: ParetoRow, signal: RecordedSignal, payment: PaymentRecord | undefined, at: string): void {
  switch (signal.type) {
    case 'time.logged': {
      const month = isoTime(at).slice(0, 7);
      row.hours_by_month[month] = (row.hours_by_month[month] ?? 0) + signal.data.hours;
      break;
    }
    case 'period.closed':
      row.lost_money += Math.max(0, signal.data.cost - signal.data.revenue);
      break;
    case 'invoice.issued':
      row.open_invoices = { ...row.open_invoices, [signal.data.invoiceId]: signal.data.amount };
      break;
    case 'invoice.paid': {
      const { invoiceId, amount } = signal.data;
      const issued = row.open_invoices[invoiceId];
      const { [invoiceId]: _paid, ...open } = row.open_invoices;
      row.open_invoices = payment && !payment.settles && issued !== undefined
        ? { ...row.open_invoices, [invoiceId]: Math.max(0, issued - amount) }
        : open;
      break;
    }
  }
}
