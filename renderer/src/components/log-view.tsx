// Live logs of one service: a virtualised list (only visible rows are in the DOM, so 10,000
// lines scroll smoothly), follow/pause, a text filter and a stream filter. Pausing freezes the
// list so it does not move under the reader; scrolling up pauses too.
import { observeElementRect, useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type WheelEvent } from 'react';
import type { LogEntry } from '../state/log-buffer.ts';
import { LogRow } from './log-row.tsx';

/** Height of one row in px; rows never wrap, so every row has it. */
export const LOG_ROW_PX = 20;
const FALLBACK_RECT: Rect = { width: 800, height: 480 };
type StreamFilter = 'all' | 'stdout' | 'stderr';

// Where the scroller has no layout yet (hidden, or a test DOM), assume a typical viewport.
const observeWithFallback = (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT));

/** Props: the service (for labels) and its lines, newest last. */
export interface LogViewProps {
  service: string;
  lines: readonly LogEntry[];
  loading: boolean;
  error: string | null;
}

/** The log panel of the service screen. */
export function LogView({ service, lines, loading, error }: LogViewProps) {
  const [query, setQuery] = useState('');
  const [stream, setStream] = useState<StreamFilter>('all');
  const [frozen, setFrozen] = useState<readonly LogEntry[] | null>(null);
  const following = frozen === null;
  const needle = useDeferredValue(query.trim());
  const source = frozen ?? lines;
  const visible = useMemo(() => filterLines(source, needle, stream), [source, needle, stream]);
  const newSincePause = frozen === null ? 0 : countNewer(lines, frozen);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const ids = { filter: useId(), stream: useId() };

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => LOG_ROW_PX,
    overscan: 16,
    useFlushSync: false,
    // Every row has the same height, so measurements keyed by index stay valid as lines arrive
    // (a getItemKey would make the virtualizer re-measure all 10,000 rows on each batch).
    initialRect: FALLBACK_RECT,
    observeElementRect: observeWithFallback,
  });

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!following || scroller === null) return;
    scroller.scrollTop = scroller.scrollHeight;
  }, [following, visible]);

  const pause = () => setFrozen(lines);
  const resume = () => setFrozen(null);
  // Following keeps the list scrolled to the end (in a layout effect, before any scroll event),
  // so being away from the end can only be the reader's doing: that pauses.
  const onScroll = () => {
    const scroller = scrollerRef.current;
    if (scroller === null || !following) return;
    const fromBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    if (fromBottom > LOG_ROW_PX * 2) pause();
  };
  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    if (following && event.deltaY < 0) pause();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (following && (event.key === 'PageUp' || event.key === 'ArrowUp' || event.key === 'Home')) pause();
  };

  return (
    <section className="panel logs" aria-labelledby={`${ids.filter}-title`}>
      <div className="panel__header logs__toolbar">
        <h2 id={`${ids.filter}-title`} className="panel__title">
          Logs
        </h2>
        <label className="field field--inline" htmlFor={ids.filter}>
          <span className="visually-hidden">Filter lines</span>
          <input id={ids.filter} className="input input--search" type="search" placeholder="Filter lines" value={query} onChange={(event) => setQuery(event.target.value)} autoComplete="off" spellCheck={false} />
        </label>
        <label className="field field--inline" htmlFor={ids.stream}>
          <span className="visually-hidden">Stream</span>
          <select id={ids.stream} className="input" value={stream} onChange={(event) => setStream(event.target.value as StreamFilter)}>
            <option value="all">All streams</option>
            <option value="stdout">stdout only</option>
            <option value="stderr">stderr only</option>
          </select>
        </label>
        <button type="button" className={`button ${following ? '' : 'button--primary'}`} onClick={following ? pause : resume}>
          {following ? 'Pause' : 'Follow'}
        </button>
      </div>
      <p className="logs__meta muted">
        {visible.length === source.length ? `${source.length.toLocaleString()} lines` : `${visible.length.toLocaleString()} of ${source.length.toLocaleString()} lines`}
        {following ? ' · following' : ' · paused'}
        {newSincePause > 0 && (
          <button type="button" className="link-button" onClick={resume}>
            {newSincePause.toLocaleString()} new {newSincePause === 1 ? 'line' : 'lines'} — follow
          </button>
        )}
      </p>
      <div ref={scrollerRef} className="log" role="log" aria-live="off" aria-label={`Log lines of ${service}`} tabIndex={0} onScroll={onScroll} onWheel={onWheel} onKeyDown={onKeyDown}>
        {visible.length === 0 ? (
          <p className="log__empty">{error !== null ? `Could not load logs: ${error}` : loading ? 'Loading logs…' : needle !== '' || stream !== 'all' ? 'No lines match the filter.' : 'No output yet.'}</p>
        ) : (
          <div className="log__sizer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const entry = visible[item.index];
              if (entry === undefined) return null;
              return (
                <div key={entry.id} className={`log__row log__row--${entry.stream}`} style={{ transform: `translateY(${item.start}px)` }} data-index={item.index}>
                  <LogRow entry={entry} needle={needle} />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}

/** Lines matching the stream and (case-insensitive) text filter. */
export function filterLines(lines: readonly LogEntry[], needle: string, stream: StreamFilter): readonly LogEntry[] {
  if (needle === '' && stream === 'all') return lines;
  const lower = needle.toLowerCase();
  return lines.filter((entry) => (stream === 'all' || entry.stream === stream) && (lower === '' || entry.line.toLowerCase().includes(lower)));
}

/** How many lines of `current` came after the last line of `frozen`. */
function countNewer(current: readonly LogEntry[], frozen: readonly LogEntry[]): number {
  const lastId = frozen.at(-1)?.id ?? 0;
  let count = 0;
  for (let index = current.length - 1; index >= 0 && (current[index]?.id ?? 0) > lastId; index--) count++;
  return count;
}
