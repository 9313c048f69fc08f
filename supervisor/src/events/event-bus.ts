// The single stream of what happens in the supervisor. State transitions, log lines and the
// overall state are published here once; the terminal printer, telemetry, run records, the
// control API's /events (with Last-Event-ID resume) and the dashboard all hang off it. Captured
// output is published as one event per block of lines whose `line` text is decoded only when a
// subscriber reads it; byte-wise subscribers (the terminal echo) take the block itself.
import type { LogLine, RuntimeEvent } from '../control/contract.ts';
import type { LogBlock } from '../logs/index.ts';

/** An event with its position in the stream (the SSE `id:`). */
export interface SequencedEvent {
  readonly id: number;
  readonly event: RuntimeEvent;
}

/** Listener for published events. */
export type EventListener = (sequenced: SequencedEvent) => void;

/** The blocks behind log events made by logEvent (a side table: events stay plain data). */
const blocks = new WeakMap<RuntimeEvent, LogBlock>();

/** A log event for a block of captured lines; its `line` (the lines joined by "\n") is decoded on first read. */
export function logEvent(service: string, stream: LogLine['stream'], at: string, block: LogBlock): RuntimeEvent {
  const event: RuntimeEvent = {
    type: 'log',
    service,
    stream,
    at,
    get line() {
      return block.text();
    },
  };
  blocks.set(event, block);
  return event;
}

/** The block behind a log event made by logEvent, if it was. */
export function logBlockOf(event: RuntimeEvent): LogBlock | undefined {
  return blocks.get(event);
}

/** Publish/subscribe with a bounded replay buffer for resuming subscribers. */
export class EventBus {
  private nextId = 1;
  private readonly listeners = new Set<EventListener>();
  /** The replay buffer: events from index `start` on (older ones are compacted away in bulk). */
  private buffer: SequencedEvent[] = [];
  private start = 0;
  private readonly bufferSize: number;
  /** Log text held for replay; a chunk event can be 64 KiB, so events alone do not bound memory. */
  private bufferedChars = 0;
  private readonly bufferChars: number;

  constructor(options: { bufferSize?: number; bufferChars?: number } = {}) {
    this.bufferSize = options.bufferSize ?? 2048;
    this.bufferChars = options.bufferChars ?? 2 * 1024 * 1024;
  }

  /** Publishes one event to every listener; a throwing listener never stops the others. */
  publish(event: RuntimeEvent): SequencedEvent {
    const sequenced = { id: this.nextId++, event };
    this.buffer.push(sequenced);
    this.bufferedChars += charsOf(event);
    // O(1) amortized: drop the oldest by moving `start`, compact once per bufferSize events
    // (a splice(0, 1) per event shifted the whole buffer: 60 % of the CPU under a chatty service).
    while (this.buffer.length - this.start > 1 && (this.buffer.length - this.start > this.bufferSize || this.bufferedChars > this.bufferChars)) {
      const dropped = this.buffer[this.start];
      if (dropped !== undefined) this.bufferedChars -= charsOf(dropped.event);
      this.start += 1;
    }
    // Compact once the dropped head is as long as the live part (dropped events keep their text alive).
    if (this.start >= this.bufferSize || (this.start > 32 && this.start * 2 >= this.buffer.length)) {
      this.buffer = this.buffer.slice(this.start);
      this.start = 0;
    }
    for (const listener of this.listeners) {
      try {
        listener(sequenced);
      } catch {
        // A subscriber's bug must not break supervision; subscribers log their own errors.
      }
    }
    return sequenced;
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Events after `lastId` still in the buffer, and whether the buffer still reached back that
   * far (false = some events were lost; the client should refetch /status).
   */
  since(lastId: number): { events: SequencedEvent[]; complete: boolean } {
    const oldest = this.buffer[this.start]?.id ?? this.nextId;
    // Ids are consecutive, so the first event after lastId sits at a computable index.
    const from = this.start + Math.max(0, lastId + 1 - oldest);
    return { events: this.buffer.slice(from), complete: lastId + 1 >= oldest };
  }

  /** The id the next event will get minus one (the newest id so far, 0 when none). */
  get lastId(): number {
    return this.nextId - 1;
  }
}

/** Characters (bytes for blocks) an event holds on to: log text; other events are small. */
function charsOf(event: RuntimeEvent): number {
  if (event.type !== 'log') return 0;
  return blocks.get(event)?.byteLength ?? event.line.length;
}
