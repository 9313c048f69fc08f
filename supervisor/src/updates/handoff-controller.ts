// The hand-off between bundle versions (DESIGN §10), the deferred self-update pattern:
// idle → deferred (while a task of the running version runs; a person's start/restart gets 409)
// → applying (stop the services, dependents first; back up data/, keeping 3; switch current.json;
// start the new version, its upgrade tasks run; wait for all-ready) → idle, the new version
// known-good. Anything else (a task fails, a crash loop, the ready timeout, an error) → the new
// version is stopped, data/ and state.json are put back, current.json points at the old version
// again, the old version starts, and the state is failed with the reason and the backup's path.
// Every step is journalled first (handoff-journal.ts) for a supervisor killed in between.
import { join } from 'node:path';
import type { HandoffState, UpdatesResponse } from '../control/contract.ts';
import { BerthError, messageOf } from '../errors.ts';
import type { EventBus } from '../events/index.ts';
import type { Logger } from '../logging/logger.ts';
import { loadManifest, type LoadedManifest } from '../manifest/index.ts';
import { findMissingBundleFiles } from '../bundles/bundle-files.ts';
import { versionDir, type BundlePaths } from '../bundles/bundle-paths.ts';
import { listVersions, requireInstalled } from '../bundles/catalog.ts';
import { readCurrent, switchedTo, writeCurrent } from '../bundles/current-file.ts';
import { backupData, pruneBackups } from '../tasks/data-backup.ts';
import { clearJournal, readTaskStateText, rollBackState, writeJournal, type HandoffJournal, type HandoffStep, type Recovery } from './handoff-journal.ts';
import { waitAllReady, type ReadyOutcome, type ReadyWatch } from './wait-all-ready.ts';

/** A running version as the controller drives it (runtime/bundle-session.ts). */
export interface VersionSession {
  readonly loaded: LoadedManifest;
  close(reason: string): Promise<void>;
  /** True while one of its tasks runs (a hand-off waits for none). */
  tasksRunning(): boolean;
  readonly watch: ReadyWatch;
}

/** What the controller needs of the supervisor. */
export interface HandoffDeps {
  readonly stateDir: string;
  readonly paths: BundlePaths;
  readonly bus: EventBus;
  readonly logger: Logger;
  /** Opens (and serves through the control API) a session of `loaded`; `backup`: the hand-off's data copy. */
  open(loaded: LoadedManifest, backup: string | null): Promise<VersionSession>;
  /** Test-only: called before each step, to kill the process there. */
  readonly pauseAt?: (step: string) => Promise<void>;
  /** The feed check (updates/feed.ts), bound to the running version's settings. */
  readonly check?: (running: LoadedManifest) => Promise<{ available: string | null }>;
}

/** Drives hand-offs and answers the update controls. */
export class HandoffController {
  private readonly deps: HandoffDeps;
  private session: VersionSession | null = null;
  private running: LoadedManifest | null = null;
  private state: HandoffState = 'idle';
  private target: string | null = null;
  private reason: string | null = null;
  private backup: string | null = null;
  private available: string | null = null;
  private checkedAt: string | null = null;
  private lastError: string | null = null;
  /** The hand-off under way (tests and shutdown wait for it). */
  work: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(deps: HandoffDeps) {
    this.deps = deps;
  }

  /** The supervisor stops: a hand-off under way starts no further version (its state still rolls back). */
  shutdown(): Promise<void> {
    this.stopping = true;
    return this.work;
  }

  get busy(): boolean {
    return this.state === 'deferred' || this.state === 'applying';
  }

  /** The session that runs now. */
  get current(): VersionSession | null {
    return this.session;
  }

  /**
   * The first session of this start. A version that never reached all-ready while a known-good
   * one exists (`berth bundle use` with no supervisor running, an app update's bundle) starts with
   * the same safety net as a hand-off from the known-good version. `recovery`: what an earlier
   * crash left rolled back (shown as a failed hand-off).
   */
  async start(loaded: LoadedManifest, installed: boolean, recovery: Recovery | null): Promise<VersionSession> {
    if (recovery !== null) this.fail(recovery.to, recovery.message, recovery.backup);
    const version = loaded.manifest.app.version;
    const read = installed ? await readCurrent(this.deps.paths) : null;
    const knownGood = read?.kind === 'ok' ? read.current.knownGood : null;
    const fromLoaded = knownGood === null || knownGood === version ? null : await this.loadVersion(knownGood).catch(() => null);
    if (fromLoaded === null) {
      this.running = loaded;
      this.session = await this.deps.open(loaded, null);
      void this.markKnownGoodWhenReady(this.session);
      return this.session;
    }
    this.move('applying', version, null);
    // The version that never reached all-ready is current already: rolling back puts the known-good one back.
    const before = read?.kind === 'ok' ? { ...read.current, version: knownGood ?? read.current.version } : null;
    let journal: HandoffJournal = { from: knownGood, to: version, step: 'backing-up', backup: null, taskState: await readTaskStateText(this.deps.stateDir), current: before, startedAt: new Date().toISOString() };
    await writeJournal(this.deps.paths, journal);
    const backup = await backupData(this.deps.stateDir, knownGood ?? 'none');
    await pruneBackups(this.deps.stateDir, 3);
    journal = await this.step(journal, 'starting', { backup });
    const opened = await this.openVersion(loaded, backup);
    this.work = this.settle(journal, fromLoaded, opened);
    return this.session ?? (await this.work.then(() => this.requireSession()));
  }

  private requireSession(): VersionSession {
    if (this.session === null) throw new BerthError('UPDATE_FAILED', 'no version could be started');
    return this.session;
  }

  summary(): { state: HandoffState; target: string | null; reason: string | null } {
    return { state: this.state, target: this.target, reason: this.reason };
  }

  async updates(): Promise<UpdatesResponse> {
    const { current, versions } = await listVersions(this.deps.paths);
    return {
      ...this.summary(),
      backup: this.backup,
      running: this.running?.manifest.app.version ?? '',
      current: current?.version ?? null,
      previous: current?.previous ?? null,
      knownGood: current?.knownGood ?? null,
      versions,
      available: this.available,
      feed: this.running?.manifest.updates.feed !== undefined,
      checkedAt: this.checkedAt,
      lastError: this.lastError,
    };
  }

  /** POST /updates/check: asks the feed; a newer version is downloaded and installed, not applied. */
  async check(): Promise<UpdatesResponse> {
    const running = this.running;
    if (running === null || this.deps.check === undefined) throw new BerthError('FEED_FAILED', 'this bundle names no update feed (bundle.json "updates.feed")');
    this.checkedAt = new Date().toISOString();
    try {
      this.available = (await this.deps.check(running)).available;
      this.lastError = null;
    } catch (error) {
      this.lastError = messageOf(error);
      throw error instanceof BerthError ? error : new BerthError('FEED_FAILED', this.lastError, { cause: error });
    }
    return this.updates();
  }

  /** POST /updates/apply: begins the hand-off to an installed version; resolves once begun. */
  async apply(version: string): Promise<UpdatesResponse> {
    if (this.busy) throw new BerthError('UPDATE_IN_PROGRESS', `a hand-off to ${this.target ?? '?'} is under way`);
    await requireInstalled(this.deps.paths, version);
    if (version === this.running?.manifest.app.version) throw new BerthError('BUNDLE_INVALID', `version ${version} is already running`);
    const loaded = await this.loadVersion(version);
    this.move('deferred', version, null);
    this.work = this.handOff(loaded).catch((error: unknown) => this.deps.logger.error('hand-off failed unexpectedly', { error: messageOf(error) }));
    return this.updates();
  }

  private async loadVersion(version: string): Promise<LoadedManifest> {
    const loaded = await loadManifest(join(versionDir(this.deps.paths, version), 'bundle.json'));
    const missing = await findMissingBundleFiles(loaded, this.deps.stateDir);
    if (missing.length > 0) throw new BerthError('BUNDLE_INVALID', `version ${version} no longer validates: ${missing[0]?.path ?? ''}: ${missing[0]?.message ?? ''}`);
    return loaded;
  }

  private move(state: HandoffState, target: string | null, reason: string | null): void {
    this.state = state;
    this.target = target;
    this.reason = reason;
    this.deps.bus.publish({ type: 'handoff', state, target, reason, at: new Date().toISOString() });
  }

  private fail(target: string, reason: string, backup: string | null): void {
    this.backup = backup;
    this.deps.logger.error(`bundle update to ${target} failed: ${reason}`, { target, backup });
    this.move('failed', target, reason);
  }

  private async step(journal: HandoffJournal, step: HandoffStep, fields: Partial<HandoffJournal> = {}): Promise<HandoffJournal> {
    const next = { ...journal, ...fields, step };
    await writeJournal(this.deps.paths, next);
    await this.deps.pauseAt?.(`handoff:${step}`);
    return next;
  }

  private async handOff(loaded: LoadedManifest): Promise<void> {
    const from = this.session;
    const fromLoaded = this.running;
    const version = loaded.manifest.app.version;
    // Deferred: a running task (a migration, a bootstrap) finishes first.
    while (from?.tasksRunning() === true && !this.stopping) await new Promise((resolve) => setTimeout(resolve, 50));
    if (this.stopping) return this.move('idle', null, null);
    this.move('applying', version, null);
    const read = await readCurrent(this.deps.paths);
    let journal: HandoffJournal = { from: fromLoaded?.manifest.app.version ?? null, to: version, step: 'stopping', backup: null, taskState: await readTaskStateText(this.deps.stateDir), current: read.kind === 'ok' ? read.current : null, startedAt: new Date().toISOString() };
    await writeJournal(this.deps.paths, journal);
    await this.deps.pauseAt?.('handoff:stopping');
    await from?.close(`handing off to ${version}`);
    journal = await this.step(journal, 'backing-up');
    const backup = await backupData(this.deps.stateDir, journal.from ?? 'none');
    await pruneBackups(this.deps.stateDir, 3);
    journal = await this.step(journal, 'switched', { backup });
    await writeCurrent(this.deps.paths, switchedTo(journal.current, version), journal.current);
    journal = await this.step(journal, 'starting');
    await this.settle(journal, fromLoaded, await this.openVersion(loaded, backup));
  }

  /** Opens the new version; a failure to start it at all is the reason to roll back. */
  private async openVersion(loaded: LoadedManifest, backup: string): Promise<ReadyOutcome | null> {
    if (this.stopping) return { ok: false, reason: 'the supervisor is stopping' };
    try {
      this.running = loaded;
      this.session = await this.deps.open(loaded, backup);
      return null;
    } catch (error) {
      this.session = null;
      return { ok: false, reason: messageOf(error) };
    }
  }

  /** Waits for the new version's all-ready (unless it never opened), then keeps it or rolls back. */
  private async settle(journal: HandoffJournal, fromLoaded: LoadedManifest | null, opened: ReadyOutcome | null): Promise<void> {
    const session = this.session;
    const outcome = opened ?? (session === null ? { ok: false as const, reason: 'not started' } : await waitAllReady(session.watch, this.running?.manifest.updates.readyTimeout ?? 120_000));
    if (outcome.ok) {
      await this.markKnownGood(journal.to);
      await clearJournal(this.deps.paths);
      this.backup = null;
      if (this.available === journal.to) this.available = null;
      this.deps.logger.info(`bundle updated to ${journal.to}`, { from: journal.from, to: journal.to });
      this.move('idle', null, null);
      return;
    }
    await this.rollBack(journal, fromLoaded, outcome.reason);
  }

  private async rollBack(journal: HandoffJournal, fromLoaded: LoadedManifest | null, reason: string): Promise<void> {
    await this.session?.close(`rolling back: ${reason}`).catch(() => undefined);
    this.session = null;
    await rollBackState(this.deps.paths, this.deps.stateDir, journal);
    await clearJournal(this.deps.paths);
    this.fail(journal.to, `${reason}; rolled back to ${journal.from ?? 'nothing'}${journal.backup === null ? '' : ` (data/ restored from ${journal.backup})`}`, journal.backup);
    if (fromLoaded !== null && !this.stopping) {
      this.running = fromLoaded;
      this.session = await this.deps.open(fromLoaded, null);
    }
  }

  /** The first version to reach all-ready becomes known-good (the fallback of later starts). */
  private async markKnownGoodWhenReady(session: VersionSession): Promise<void> {
    const version = session.loaded.manifest.app.version;
    const outcome = await waitAllReady(session.watch, Number.POSITIVE_INFINITY);
    if (outcome.ok && this.session === session) await this.markKnownGood(version).catch(() => undefined);
  }

  private async markKnownGood(version: string): Promise<void> {
    const read = await readCurrent(this.deps.paths);
    if (read.kind !== 'ok' || read.current.version !== version || read.current.knownGood === version) return;
    await writeCurrent(this.deps.paths, { ...read.current, knownGood: version }, read.current);
  }
}
