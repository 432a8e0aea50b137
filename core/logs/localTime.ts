const two = (n: number) => String(Math.trunc(n)).padStart(2, '0');

/** The station's local time with its offset, as a technician reads it beside the wall clock: 2026-12-06T08:15:00.123+03:00. */
export function localTimestamp(at: Date): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const date = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
  const time = `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}.${String(at.getMilliseconds()).padStart(3, '0')}`;
  return `${date}T${time}${sign}${two(Math.abs(offset) / 60)}:${two(Math.abs(offset) % 60)}`;
}
