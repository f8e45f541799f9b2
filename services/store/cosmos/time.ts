import { DateTime } from 'luxon';

/** Instants are stored as UTC ISO strings of one shape, so that comparing strings compares instants. */
export const utc = (iso: string): string => DateTime.fromISO(iso, { setZone: true }).toUTC().toISO() as string;
