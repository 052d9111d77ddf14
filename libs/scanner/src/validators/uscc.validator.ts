const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100 unified social credit code: 18 characters, MOD 31 check character. Case-insensitive. */
export function isUscc(code: string): boolean {
  const c = code.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(c)) return false;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += ALPHABET.indexOf(c[k]) * WEIGHTS[k];
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check] === c[17];
}
