// Public module of the logs concern: line framing of child output, per-service log files with
// rotation and a bounded tail ring.
export { CONTINUATION_MARK, DEFAULT_MAX_LINE_BYTES, createLineSplitter } from './line-splitter.ts';
export type { LineHandler, LineSplitter } from './line-splitter.ts';
