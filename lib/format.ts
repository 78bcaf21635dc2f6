/** A date as the console shows it: YYYY-MM-DD (UTC), the same for every admin whatever their locale. */
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** An instant as the console shows it: YYYY-MM-DD HH:MM:SS UTC, the same for every admin. */
export function formatInstant(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
