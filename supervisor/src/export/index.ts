// Public API of the export concern (DESIGN §11): other concerns import only this file.
export { exportBundle } from './export-bundle.ts';
export { EXPORT_TARGETS, TARGET_LABELS, type ExportFile, type ExportOptions, type ExportResult, type ExportTarget, type ExportWarning, type SecretToProvide } from './export-types.ts';
export { writeExport } from './write-export.ts';
