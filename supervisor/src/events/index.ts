// Public module of the events concern: the one stream of what happens in the supervisor. The
// runtime publishes; control (/events), telemetry, output and run records subscribe.
export { EventBus, logBlockOf, logEvent, type EventListener, type SequencedEvent } from './event-bus.ts';
