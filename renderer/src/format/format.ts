// Human-readable durations, times and exits for the screens (pure).
import type { ExitInfo } from '../../../supervisor/src/control/contract.ts';

/** `4s`, `3m 12s`, `2h 5m`, `3d 4h`; `—` for null. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** Milliseconds between two ISO times, or null when either is missing. */
export function durationBetween(fromIso: string | null, toIso: string | null): number | null {
  if (fromIso === null || toIso === null) return null;
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  return Number.isFinite(ms) ? ms : null;
}

// Formatters are built once: toLocale*String with options builds a new one on every call, which
// shows when thousands of log rows are formatted.
const CLOCK_FORMAT = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const DATE_TIME_FORMAT = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** A short local time (`14:03:07`) of an ISO timestamp. */
export function formatClock(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : CLOCK_FORMAT.format(ms);
}

/** A local date and time (`25 Nov, 14:03:07`). */
export function formatDateTime(iso: string | null): string {
  if (iso === null) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : DATE_TIME_FORMAT.format(ms);
}

/** `exit 0`, `exit 1`, `SIGTERM`, or `—` when the process never exited. */
export function formatExit(exit: Pick<ExitInfo, 'code' | 'signal'> | null): string {
  if (exit === null) return '—';
  if (exit.signal !== null) return exit.signal;
  if (exit.code !== null) return `exit ${exit.code}`;
  return '—';
}

/** True when an exit was a failure (non-zero code, or a signal). */
export function isFailedExit(exit: Pick<ExitInfo, 'code' | 'signal'> | null): boolean {
  return exit !== null && (exit.signal !== null || (exit.code !== null && exit.code !== 0));
}
