import { DateTime } from 'luxon';
import { parseLeadTimes, todayFor, type TimeRules } from '../services/domain';
import type { Reader } from '../services/i18n';

/*
 * What every gallery module builds its samples at: one instant, the default reminder lead times and
 * the sample organization. A module of its own (no card imports), so the section modules and
 * cards/gallery.ts share it without importing each other.
 */

export const GALLERY_NOW = DateTime.fromISO('2026-11-20T10:00:00Z', { zone: 'utc' });
export const GALLERY_RULES: TimeRules = { reminderLeadTimes: parseLeadTimes('P7D,P3D,P1D') };
export const GALLERY_TENANT = '5d7a4b1e-2c3f-4e5a-9b8c-0d1e2f3a4b5c';

/** The reader's calendar day at `now` (the gallery's instant by default). */
export const galleryToday = (reader: Pick<Reader, 'timeZone'>, now: DateTime = GALLERY_NOW): string => todayFor({ now, zone: reader.timeZone });
