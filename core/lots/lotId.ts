// L-26-R1-000123: year 26, station R1, that station's lot number 123. The station code in the id
// is what lets stations create lots offline without ever colliding.

export const stationCodePattern = /^[A-Z][A-Z0-9]{0,3}$/;
const lotIdPattern = /^L-(\d{2})-([A-Z][A-Z0-9]{0,3})-(\d{6,})$/;

export interface LotIdParts {
  year: number;
  station: string;
  number: number;
}

export function formatLotId({ year, station, number }: LotIdParts): string {
  return `L-${String(year % 100).padStart(2, '0')}-${station}-${String(number).padStart(6, '0')}`;
}

export function parseLotId(code: string): LotIdParts | null {
  const match = lotIdPattern.exec(code.trim().toUpperCase());
  if (!match) return null;
  return { year: Number(match[1]), station: match[2]!, number: Number(match[3]) };
}

/** Year in Africa/Nairobi (UTC+3, no daylight saving), so a lot made at 01:00 on 1 January is of the new year. */
export function nairobiYear(at: Date): number {
  return new Date(at.getTime() + 3 * 3600_000).getUTCFullYear();
}
