/** True when year-month-day is a date that exists in the Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
}

/** A birth date on an ID: real, not in the future, not before 1900. */
export function isPlausibleBirthDate(year: number, month: number, day: number, now = new Date()): boolean {
  if (year < 1900 || !isRealDate(year, month, day)) return false;
  const birth = Date.UTC(year, month - 1, day);
  return birth <= now.getTime();
}
