/**
 * How long a statement waits for another process's SQLite writer (better-sqlite3 waits synchronously): the
 * connection's setting; inTransaction takes the write lock with a short wait of its own instead.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;
