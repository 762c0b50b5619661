// Times as people say them: "in 41 hours", "3 days ago", "12 Mar 2026".
import { differenceInHours, format, formatDistanceStrict, isValid, parseISO } from 'date-fns';

const parsed = (iso: string): Date | null => {
  const d = parseISO(iso);
  return isValid(d) ? d : null;
};

export const dateInWords = (iso: string | null | undefined): string => {
  const d = iso ? parsed(iso) : null;
  return d ? format(d, 'd MMM yyyy') : '—';
};

export const dateTimeInWords = (iso: string | null | undefined): string => {
  const d = iso ? parsed(iso) : null;
  return d ? format(d, 'd MMM yyyy, HH:mm') : '—';
};

/** "for 3 days" */
export const durationSince = (iso: string, now = new Date()): string => {
  const d = parsed(iso);
  return d ? formatDistanceStrict(d, now) : '—';
};

/** "41 h" for the next few days, then in days. */
export const timeUntil = (iso: string, now = new Date()): string => {
  const d = parsed(iso);
  if (!d) return '—';
  const hours = differenceInHours(d, now);
  return hours <= 72 ? `${Math.max(hours, 0)} h` : formatDistanceStrict(now, d);
};

export const isFuture = (iso: string | null | undefined, now = new Date()): boolean => {
  const d = iso ? parsed(iso) : null;
  return d !== null && d.getTime() > now.getTime();
};
