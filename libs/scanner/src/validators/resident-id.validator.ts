import { isPlausibleBirthDate } from './real-date.validator';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
// GB/T 2260 province codes (first two digits); 83 is Taiwan as used on residence permits.
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]);

/** ISO 7064 MOD 11-2 check character of the first 17 digits (GB 11643). */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (first17.charCodeAt(k) - 48) * WEIGHTS[k];
  return CHECK[sum % 11];
}

/** 18-character ID with a real birth date and a valid check character; `x` may be either case. */
export function isResidentId18(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
  if (!isPlausibleBirthDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  return residentIdCheck(id) === id[17].toUpperCase();
}

/**
 * 18-character ID whose area and birth date are valid but whose check character is not: a mistyped ID. Only worth
 * reporting where the text says it is an ID (身份证号：…), since by itself it is just a number.
 */
export function isMistypedResidentId18(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
  if (!isPlausibleBirthDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  return residentIdCheck(id) !== id[17].toUpperCase();
}

/** Old 15-digit ID (before 1999): area, yymmdd in the 1900s, sequence; it has no check character. */
export function isResidentId15(id: string): boolean {
  if (!/^\d{15}$/.test(id)) return false;
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
  return isPlausibleBirthDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
}
