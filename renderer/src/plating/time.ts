// Times on the plating screens: Nairobi (UTC+3, no daylight saving), whole minutes.

const nairobiOffsetMs = 3 * 3600_000;
export const dayMs = 86_400_000;

/** Midnight in Nairobi at or before a moment. */
export function nairobiMidnight(ms: number): number {
  return Math.floor((ms + nairobiOffsetMs) / dayMs) * dayMs - nairobiOffsetMs;
}

export function clock(iso: string | number, language: string): string {
  return new Intl.DateTimeFormat(language === 'sw' ? 'sw-KE' : 'en-KE', { timeZone: 'Africa/Nairobi', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

export function dayLabel(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language === 'sw' ? 'sw-KE' : 'en-KE', { timeZone: 'Africa/Nairobi', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(ms));
}

export function dayAndClock(iso: string, language: string): string {
  return `${dayLabel(Date.parse(iso), language)} ${clock(iso, language)}`;
}
