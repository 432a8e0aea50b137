import type { Db } from '../db/schema';
import { zoneOffset } from '../plating/schedule/calendar';

// Times leave the station (CSV files, papers) as the site's clock reads them, with the offset, so
// a spreadsheet and a person at the desk agree: 2026-12-06T09:30:00+03:00, never the UTC 06:30.

export const defaultSiteTimeZone = 'Africa/Nairobi';

/** The site's zone: the one its plating calendar is set to, else Nairobi's. */
export async function siteTimeZone(db: Db): Promise<string> {
  const calendar = await db.selectFrom('plating_calendar').select('time_zone').executeTakeFirst();
  return calendar?.time_zone ?? defaultSiteTimeZone;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** An instant in ISO 8601 as the zone's clock reads it, to the second, with its offset. */
export function localIso(iso: string, timeZone: string): string {
  const at = Date.parse(iso);
  const offset = zoneOffset(timeZone, at);
  const wall = new Date(Math.floor(at / 1000) * 1000 + offset).toISOString().slice(0, 19);
  const minutes = Math.abs(offset) / 60_000;
  return `${wall}${offset < 0 ? '-' : '+'}${twoDigits(Math.floor(minutes / 60))}:${twoDigits(minutes % 60)}`;
}
