// What `berth export` takes and gives back (DESIGN §11): the engines it writes for, the files it
// writes, the secret files an operator provides, and what it could not map exactly.
import type { ManifestProblem } from '../manifest/index.ts';

/** The engines a bundle is exported to. */
export const EXPORT_TARGETS = ['compose', 'kubernetes', 'systemd'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** How each engine is named in messages. */
export const TARGET_LABELS: Readonly<Record<ExportTarget, string>> = { compose: 'compose', kubernetes: 'Kubernetes', systemd: 'systemd' };

/** Everything an export depends on besides the manifest; the same options give the same bytes. */
export interface ExportOptions {
  readonly target: ExportTarget;
  /** Absolute folder of bundle.json (`${bundleDir}` for systemd). */
  readonly bundleDir: string;
  /** Absolute folder the files go to (compose mounts the bundle relative to it). */
  readonly outDir: string;
  /** Image of services without their own `image` (compose, Kubernetes). */
  readonly image?: string;
  /** What `${node}` becomes (default `node` in a container, `/usr/bin/node` for systemd). */
  readonly nodePath?: string;
}

/** Something that does not map exactly, by JSON path of the bundle: `services.ui.readiness: …`. */
export type ExportWarning = ManifestProblem;

/** One file of the export, by path relative to the output folder. */
export interface ExportFile {
  readonly name: string;
  readonly text: string;
}

/** A secret the operator must provide as a file before starting the export. */
export interface SecretToProvide {
  readonly name: string;
  /** Where the file goes (relative to the output folder, or absolute for systemd). */
  readonly file: string;
  /** A shell command that makes it, or what to put in it. */
  readonly how: string;
  readonly required: boolean;
}

/** The outcome of one export: files to write, secrets to provide, commands to run, warnings. */
export interface ExportResult {
  readonly files: readonly ExportFile[];
  readonly secrets: readonly SecretToProvide[];
  /** The commands that start the export, in order, as the README gives them. */
  readonly run: readonly string[];
  readonly warnings: readonly ExportWarning[];
}
