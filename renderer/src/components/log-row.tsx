// One log line: time, stream (stderr marked in words and colour), text with the filter's first
// match highlighted.
import { memo } from 'react';
import type { LogEntry } from '../state/log-buffer.ts';
import { formatClock } from '../format/format.ts';

/** Renders the text with the first case-insensitive occurrence of `needle` in a <mark>. */
export function Highlighted({ text, needle }: { text: string; needle: string }) {
  if (needle === '') return <>{text}</>;
  const start = text.toLowerCase().indexOf(needle.toLowerCase());
  if (start < 0) return <>{text}</>;
  const end = start + needle.length;
  return (
    <>
      {text.slice(0, start)}
      <mark>{text.slice(start, end)}</mark>
      {text.slice(end)}
    </>
  );
}

/** Content of one row of the virtualised log list (memoised: entries never change). */
export const LogRow = memo(function LogRow({ entry, needle }: { entry: LogEntry; needle: string }) {
  return (
    <>
      <time className="log__time" dateTime={entry.at}>
        {formatClock(entry.at)}
      </time>
      <span className={`log__stream log__stream--${entry.stream}`}>{entry.stream === 'stderr' ? 'err' : 'out'}</span>
      <span className="log__text">
        <Highlighted text={entry.line} needle={needle} />
      </span>
    </>
  );
});
