/** A date as the console shows it: YYYY-MM-DD (UTC), the same for every admin whatever their locale. */
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
