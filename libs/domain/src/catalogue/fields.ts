// Field shapes shared by the signal and command catalogues, with the limits of the contract: what
// PostgreSQL can store and what the rules can compute with. Anything outside them is a malformed
// input (refused naming the field), never a failure further in. The limits are published with
// the JSON Schemas (maxLength, pattern, minimum/maximum).
import { z } from 'zod';

export const LIMITS = {
  /** Ids (the input's, the relationship's, invoices', messages', people's, teams'). */
  idLength: 200,
  /** Short text: sources, names, channels, periods, reasons, time zones. */
  labelLength: 500,
  /** Free text: descriptions, notes, items of a list. */
  proseLength: 10_000,
  /** Items of a list (loose ends, talking points). */
  listItems: 100,
  /** Objects and arrays inside one input, counting the input itself. */
  depth: 16,
  /** Strings, numbers, objects, arrays and keys in one input. */
  values: 5_000,
  /** One input as JSON text (HTTP body, Kafka message value). */
  bytes: 256 * 1024,
  /** Instants and days: years 1900 to 2199 (PostgreSQL stores far more; the rules add windows). */
  earliestYear: 1900,
  latestYear: 2199,
  /** Amounts (invoices, fees, revenue, cost, prices): at most this much either way. */
  amount: 1e12,
  /** A reply window: at most a year. */
  responseWindowHours: 8_760,
  /** A monthly budget of hours. */
  monthlyBudgetHours: 100_000,
  /** One time.logged entry. */
  loggedHours: 10_000,
  /** Notice periods. */
  noticeDays: 3_650,
} as const;

/** No NUL (PostgreSQL text cannot hold it) and no lone surrogate (not Unicode, not storable as jsonb). */
const NUL = String.fromCharCode(0);
export const WELL_FORMED = new RegExp(`^(?:[^${NUL}\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$`);
const WELL_FORMED_PROBLEM = 'must not contain NUL or a lone surrogate';
const wellFormed = (s: z.ZodString) => s.regex(WELL_FORMED, WELL_FORMED_PROBLEM);

/** The same check for any string (keys and unknown fields included). */
export const isWellFormed = (s: string): boolean => WELL_FORMED.test(s);

const years = `(?:19\\d\\d|2[01]\\d\\d)`;
const YEAR_WINDOW = new RegExp(`^${years}-`);
const windowProblem = `must be in the years ${LIMITS.earliestYear} to ${LIMITS.latestYear}`;

/** An instant with a zone (`Z` or an offset); local times are malformed. */
export const instant = z.iso.datetime({ offset: true }).regex(YEAR_WINDOW, windowProblem);
/** A UTC day, `YYYY-MM-DD`. */
export const day = z.iso.date().regex(YEAR_WINDOW, windowProblem);
/** An id: non-empty, at most `LIMITS.idLength` characters. */
export const identifier = wellFormed(z.string().min(1).max(LIMITS.idLength));
/** Short non-empty text. */
export const text = wellFormed(z.string().min(1).max(LIMITS.labelLength));
/** Free text that must say something (a reason). */
export const statement = wellFormed(z.string().min(1).max(LIMITS.proseLength));
/** Free text, possibly empty. */
export const prose = wellFormed(z.string().max(LIMITS.proseLength));
/** A list of free-text items. */
export const proseList = z.array(prose).max(LIMITS.listItems);
export const amount = z.number().min(-LIMITS.amount).max(LIMITS.amount);
/** A number of hours or days, from 0 (or above it when `positive`) up to `max`. */
export const bounded = (max: number, positive = false) => (positive ? z.number().positive().max(max) : z.number().nonnegative().max(max));
