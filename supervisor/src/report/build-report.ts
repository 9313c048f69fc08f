// Packs a diagnostic report into one .tar.gz (node-tar, the library npm itself uses): the files
// are collected into a private staging folder, archived, and the folder removed, whatever happens.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { collectReport, type ReportInput } from './collect-report.ts';
import { reportFileName } from './report-name.ts';

/** The report as gzip'd tar bytes; every file sits under `<folder>/` inside the archive. */
export async function buildReportArchive(input: ReportInput, folder: string): Promise<Buffer> {
  const staging = await mkdtemp(join(tmpdir(), 'berth-report-'));
  try {
    const files = await collectReport(input, join(staging, folder));
    // node-tar loads with the first report, not at every start.
    const { create } = await import('tar');
    return await buffer(create({ gzip: true, cwd: staging, portable: true }, files.map((file) => `${folder}/${file}`)));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** A finished report: its default file name and its bytes. */
export interface ReportArchive {
  readonly fileName: string;
  readonly bytes: Buffer;
}

/** Builds the report of app `appId` now, named berth-report-<app>-<time>.tar.gz. */
export async function makeReport(input: ReportInput, appId: string, at = new Date()): Promise<ReportArchive> {
  const fileName = reportFileName(appId, at);
  return { fileName, bytes: await buildReportArchive(input, fileName.replace(/\.tar\.gz$/, '')) };
}
