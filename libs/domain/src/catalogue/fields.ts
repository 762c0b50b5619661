// Field shapes shared by the signal and command catalogues.
import { z } from 'zod';

/** An instant with a zone (`Z` or an offset); local times are malformed. */
export const instant = z.iso.datetime({ offset: true });
/** A UTC day, `YYYY-MM-DD`. */
export const day = z.iso.date();
export const text = z.string().min(1);
export const amount = z.number().finite();
