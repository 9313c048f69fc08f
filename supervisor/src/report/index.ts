// Public module of the report concern: `berth report` and GET /report.
export { buildReportArchive, makeReport, type ReportArchive } from './build-report.ts';
export { collectReport, type ReportInput } from './collect-report.ts';
export { lastKnownState, offlineRedactor } from './offline-report.ts';
export { offlineReportInput } from './offline-input.ts';
export { reportFileName } from './report-name.ts';
