// Test helpers: bundles written inline, exported with fixed folders, and the output read back
// (YAML parsed, unit files split into settings, warnings as "path: message" lines).
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { findManifestProblems, type BundleManifest } from '../manifest/index.ts';
import { exportBundle } from './export-bundle.ts';
import type { ExportResult, ExportTarget } from './export-types.ts';

type Json = Record<string, unknown>;

/** Where test bundles live and export to (an export is pure: the folders need not exist). */
export const BUNDLE_DIR = '/srv/app';
export const OUT_DIR = '/srv/app/deploy';

/** A valid manifest from the services given (as bundle.json has them; an app block is added); throws listing problems otherwise. */
export function manifestOf(services: Readonly<Record<string, unknown>>, extra: Readonly<Record<string, unknown>> = {}): BundleManifest {
  const input = { schemaVersion: 1, app: { id: 'dev.berth.test', name: 'Test', version: '1.0.0' }, ...extra, services };
  const { problems, manifest } = findManifestProblems(JSON.stringify(input));
  if (manifest === undefined || problems.length > 0) throw new Error(`invalid test bundle: ${JSON.stringify(problems)}`);
  return manifest;
}

/** A bundle of the repository: the root Notes bundle or the every-feature fixture. */
export function repositoryBundle(which: 'notes' | 'every-feature'): BundleManifest {
  const url = which === 'notes' ? new URL('../../../bundle.json', import.meta.url) : new URL('./fixtures/every-feature.json', import.meta.url);
  const { problems, manifest } = findManifestProblems(readFileSync(url, 'utf8'));
  if (manifest === undefined || problems.length > 0) throw new Error(`invalid ${which} bundle: ${JSON.stringify(problems)}`);
  return manifest;
}

/** Exports with the test folders. */
export function exported(manifest: BundleManifest, target: ExportTarget, options: { image?: string; nodePath?: string } = {}): ExportResult {
  return exportBundle(manifest, { target, bundleDir: BUNDLE_DIR, outDir: OUT_DIR, ...options });
}

/** The text of one output file. */
export function fileText(result: ExportResult, name: string): string {
  const file = result.files.find((candidate) => candidate.name === name);
  if (file === undefined) throw new Error(`no ${name} in ${result.files.map((candidate) => candidate.name).join(', ')}`);
  return file.text;
}

/** compose.yaml, parsed. */
export function composeFile(result: ExportResult): { services: Record<string, Json>; secrets?: Json; volumes?: Json } {
  return parse(fileText(result, 'compose.yaml')) as { services: Record<string, Json> };
}

/** The Kubernetes object of `kind` named `name`, parsed. */
export function kubernetesObject(result: ExportResult, kind: string, name: string): Json {
  const found = kubernetesObjects(result).find((object) => object.kind === kind && (object.metadata as Json).name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found;
}

/** Every object of kubernetes.yaml, parsed. */
export function kubernetesObjects(result: ExportResult): Json[] {
  return parseAllDocuments(fileText(result, 'kubernetes.yaml')).map((document) => document.toJSON() as Json);
}

/** The settings of a unit file: `Section.Key` → every value in order. */
export function unitSettings(result: ExportResult, name: string): Record<string, string[]> {
  const settings: Record<string, string[]> = {};
  let section = '';
  for (const line of fileText(result, name).split('\n')) {
    const header = /^\[(.+)\]$/.exec(line);
    if (header?.[1] !== undefined) section = header[1];
    const setting = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (setting?.[1] !== undefined && setting[2] !== undefined) (settings[`${section}.${setting[1]}`] ??= []).push(setting[2]);
  }
  return settings;
}

/** Warnings as the CLI prints them. */
export function warningLines(result: ExportResult): string[] {
  return result.warnings.map(({ path, message }) => `${path}: ${message}`);
}
