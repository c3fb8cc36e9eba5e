/**
 * The time written as `last-modified` of catalog and mapping exports. By default, now; with
 * SOURCE_DATE_EPOCH (the reproducible-builds convention: whole seconds since 1970 UTC), that time, so
 * that an export committed to a repository changes only when its content does.
 */
export function exportTimestamp(sourceDateEpoch: string | undefined, now: Date = new Date()): string | null {
  if (sourceDateEpoch === undefined || sourceDateEpoch === '') return now.toISOString();
  if (!/^\d{1,11}$/.test(sourceDateEpoch)) return null;
  const time = new Date(Number(sourceDateEpoch) * 1000);
  // OSCAL's date-time pattern accepts the years 1900 to 2999 only.
  return time.getUTCFullYear() <= 2999 ? time.toISOString() : null;
}
