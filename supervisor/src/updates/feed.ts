// The bundle's update feed (bundle.json `updates`): a JSON document {version, url, sha256}. A
// check asks it (with the declared secret as a bearer token, which only the supervisor holds —
// clients ask the control API), downloads a newer version's .tgz, verifies its sha256, and
// installs it without switching to it. Every failure (feed down, junk, a checksum mismatch) is a
// FEED_FAILED naming what went wrong and never the credential.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import semver from 'semver';
import { z } from 'zod';
import { scratchDir, type BundlePaths } from '../bundles/bundle-paths.ts';
import { installedVersions } from '../bundles/catalog.ts';
import { installBundle } from '../bundles/install-bundle.ts';
import { BerthError, messageOf } from '../errors.ts';
import type { BundleManifest } from '../manifest/schema.ts';

/** What the feed answers. */
export const FeedDocument = z.object({
  version: z.string().refine((version) => semver.valid(version) !== null, { message: 'not a semantic version' }),
  url: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, { message: 'not a sha256 in hex' }),
});
export type FeedDocument = z.infer<typeof FeedDocument>;

/** What a check needs. */
export interface FeedCheckInput {
  readonly manifest: BundleManifest;
  readonly paths: BundlePaths;
  readonly stateDir: string;
  /** A declared secret's value (the feed credential). */
  readonly secret: (name: string) => string | undefined;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  /** The largest download accepted (default 1 GiB). */
  readonly maxBytes?: number;
}

function feedFailed(message: string, cause?: unknown): BerthError {
  return new BerthError('FEED_FAILED', message, cause === undefined ? {} : { cause });
}

/** The feed's answer, parsed (never echoing the credential, which only goes out in a header). */
async function readFeed(feed: string, headers: Record<string, string>, input: FeedCheckInput): Promise<FeedDocument> {
  const doFetch = input.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(feed, { headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(input.timeoutMs ?? 15_000) });
  } catch (error) {
    throw feedFailed(`the update feed ${new URL(feed).origin} could not be reached (${messageOf(error)})`, error);
  }
  if (!response.ok) throw feedFailed(`the update feed answered HTTP ${response.status}`);
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    throw feedFailed('the update feed did not answer JSON');
  }
  const parsed = FeedDocument.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw feedFailed(`the update feed's answer is not {version, url, sha256}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Downloads `url` into `file`, returning its sha256; bounded in size. */
async function download(url: URL, file: string, headers: Record<string, string>, input: FeedCheckInput): Promise<string> {
  const doFetch = input.fetch ?? fetch;
  const response = await doFetch(url, { headers, signal: AbortSignal.timeout(input.timeoutMs ?? 300_000) }).catch((error: unknown) => {
    throw feedFailed(`the bundle ${url.pathname} could not be downloaded (${messageOf(error)})`, error);
  });
  if (!response.ok || response.body === null) throw feedFailed(`the bundle download answered HTTP ${response.status}`);
  const hash = createHash('sha256');
  const maxBytes = input.maxBytes ?? 1024 ** 3;
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(feedFailed(`the bundle download is larger than ${maxBytes} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), count, createWriteStream(file, { mode: 0o600 }));
  return hash.digest('hex');
}

/** Asks the feed; a newer version is downloaded, checked and installed. Returns it (null: up to date). */
export async function checkFeed(input: FeedCheckInput): Promise<{ available: string | null }> {
  const { feed, secret } = input.manifest.updates;
  if (feed === undefined) throw feedFailed('this bundle names no update feed (bundle.json "updates.feed")');
  const credential = secret === undefined ? undefined : input.secret(secret);
  if (secret !== undefined && credential === undefined) throw feedFailed(`the feed credential ${secret} has no value yet`);
  const auth: Record<string, string> = credential === undefined ? {} : { authorization: `Bearer ${credential}` };
  const offer = await readFeed(feed, auth, input);
  if (!semver.gt(offer.version, input.manifest.app.version)) return { available: null };
  if ((await installedVersions(input.paths)).includes(offer.version)) return { available: offer.version };
  const url = new URL(offer.url, feed);
  // The credential goes to the feed's own origin only, never to wherever the document points.
  await mkdir(input.paths.bundles, { recursive: true });
  const file = `${scratchDir(input.paths, '.download-')}.tgz`;
  try {
    const digest = await download(url, file, url.origin === new URL(feed).origin ? auth : {}, input);
    if (digest !== offer.sha256.toLowerCase()) throw feedFailed(`the downloaded bundle's sha256 is ${digest}, the feed said ${offer.sha256.toLowerCase()}; not installed`);
    const installed = await installBundle(file, { paths: input.paths, stateDir: input.stateDir, appId: input.manifest.app.id });
    if (installed.version !== offer.version) {
      await rm(installed.dir, { recursive: true, force: true });
      throw feedFailed(`the feed offered ${offer.version} but the bundle is ${installed.version}; not installed`);
    }
    return { available: installed.version };
  } finally {
    await rm(file, { force: true });
  }
}
