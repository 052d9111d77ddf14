/** What a new password must satisfy; the account page shows the same list. */
export const PASSWORD_RULES = {
  minLength: 8,
  maxLength: 256,
  /** Of letters, digits and other characters, at least this many kinds. */
  minKinds: 2,
} as const;

/** Why `password` may not be the new password of `username`, or null when it may. */
export function passwordProblem(password: string, username: string): string | null {
  const { minLength, maxLength, minKinds } = PASSWORD_RULES;
  const length = [...password].length;
  if (length < minLength) return `the password must have at least ${minLength} characters`;
  if (length > maxLength) return `the password may have at most ${maxLength} characters`;
  const kinds = [/\p{L}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((kind) => kind.test(password)).length;
  if (kinds < minKinds) return 'the password must mix at least two of letters, digits and other characters';
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'the password must not be the username';
  return null;
}
