/// <reference lib="dom" />
// Dates and snippets as the list and the editor show them.

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dayYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** A short date for the list: the time today, else the day (and year when not this year). */
export function formatListDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return time.format(date);
  return date.getFullYear() === now.getFullYear() ? day.format(date) : dayYear.format(date);
}

/** "Edited 5 minutes ago" style text. */
export function formatEdited(iso: string, now = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['day', 86_400], ['hour', 3_600], ['minute', 60]];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return `Edited ${relative.format(Math.round(seconds / size), unit)}`;
  }
  return 'Edited just now';
}

/** The full date, for tooltips. */
export function formatFullDate(iso: string): string {
  return full.format(new Date(iso));
}

/** The first words of a body on one line. */
export function snippetOf(body: string, length = 90): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}
