// telemetry.jsonl: one JSON event per line for every state transition, overall state change,
// restart, probe failure, task result, shutdown and reap; size-rotated like the logs and written
// through the same bounded queue, so recording never blocks supervision. Log lines are never
// recorded; `message`/`reason` texts go through `redact` before they are written.
import type { EventBus } from '../events/index.ts';
import { RotatingFile } from '../logs/index.ts';
import { silentLogger } from '../logging/logger.ts';
import type { Logger } from '../logging/logger.ts';
import { TelemetryEvent } from './events.ts';
import type { TelemetryEventInput } from './events.ts';

/** How long an event waits for others before they are written together. */
export const TELEMETRY_BATCH_MS = 100;

/** Where telemetry goes and how it is bounded. */
export interface TelemetryOptions {
  /** `<stateDir>/telemetry.jsonl` */
  file: string;
  maxBytes: number;
  maxFiles: number;
  /** Masks secret values in free-text fields (reason, message); default: identity. */
  redact?: (text: string) => string;
  logger?: Logger;
  now?: () => Date;
}

/** Records supervision events to a rotated JSON-lines file. */
export class Telemetry {
  private readonly file: RotatingFile;
  private readonly redact: (text: string) => string;
  private readonly logger: Logger;
  private readonly now: () => Date;

  constructor(options: TelemetryOptions) {
    this.redact = options.redact ?? ((text) => text);
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    this.file = new RotatingFile({
      file: options.file,
      maxBytes: options.maxBytes,
      maxFiles: options.maxFiles,
      formatDropNotice: () => '',
      // Nobody reads telemetry live: a 200-service start's ~800 events in a few writes, not one per busy turn.
      batchDelayMs: TELEMETRY_BATCH_MS,
      onError: (error) => this.logger.warn('telemetry write failed', { error: (error as Error).message }),
    });
  }

  /** Records every `state` and `supervisor` event of the bus (not log lines); returns unsubscribe. */
  attach(bus: EventBus): () => void {
    return bus.subscribe(({ event }) => {
      if (event.type === 'state' || event.type === 'supervisor' || event.type === 'handoff') this.record(event);
    });
  }

  /** Validates and queues one event; an invalid event is logged and dropped, never thrown. */
  record(event: TelemetryEventInput): void {
    const parsed = TelemetryEvent.safeParse({ at: this.now().toISOString(), ...event });
    if (!parsed.success) {
      this.logger.warn('invalid telemetry event dropped', { type: event.type, problem: parsed.error.issues[0]?.message });
      return;
    }
    const value = parsed.data;
    if ('reason' in value && typeof value.reason === 'string') value.reason = this.redact(value.reason);
    if ('message' in value) value.message = this.redact(value.message);
    this.file.write(`${JSON.stringify(value)}\n`);
  }

  /** Events dropped because the disk could not keep up. */
  get dropped(): number {
    return this.file.dropped;
  }

  /** Flushes queued events and closes the file. */
  close(): Promise<void> {
    return this.file.close();
  }
}
