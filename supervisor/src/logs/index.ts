// Public module of the logs concern: line framing of child output, per-service log files with
// rotation and a bounded tail ring.
export { CONTINUATION_MARK, DEFAULT_MAX_LINE_BYTES, createLineSplitter } from './line-splitter.ts';
export type { LineHandler, LineSplitter } from './line-splitter.ts';
export { RotatingFile } from './rotating-file.ts';
export type { RotatingFileOptions } from './rotating-file.ts';
export { isRotatedFileName } from './rotation.ts';
export { ServiceLog, formatLogFileBlock, formatLogFileLine } from './service-log.ts';
export { createBlockSplitter } from './block-splitter.ts';
export type { BlockHandler, BlockSplitter } from './block-splitter.ts';
export { LineTail } from './line-tail.ts';
export { LogBlock } from './log-block.ts';
export type { ServiceLogOptions } from './service-log.ts';
