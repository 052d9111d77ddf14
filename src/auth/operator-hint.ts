/** A word as a POSIX shell reads it back: client names may hold spaces, and a :* port must not glob. */
function shellWord(word: string): string {
  return /^[\p{L}\p{N}_.@:/-]+$/u.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The CLI line with which the operator grants a client what it was refused, for the refusal's message. */
export function clientUpdateHint(client: string, option: '--unit' | '--callback-origin', value: string): string {
  return `the operator may register it with: npm run -s cli -- client:update ${shellWord(client)} ${option} ${shellWord(value)} (repeat ${option} for every value to keep)`;
}
