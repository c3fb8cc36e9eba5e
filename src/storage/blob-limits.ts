/**
 * The largest evidence file the server stores. Evidence is a test report, a scan, a screenshot or
 * a short video: 25 MB holds all of those, and keeps a blob (held in memory while it is hashed,
 * sniffed and written in one transaction) far from the server's memory budget.
 */
export const MAX_BLOB_BYTES = 25 * 1024 * 1024;
