// The UI server's configuration, read once from the environment.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BaseUrlEnv, HostEnv, PortEnv } from '../../lib/env.ts';

/** The built web app beside the built server (dist/services/ui/public). */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('./ui/public/', import.meta.url));

/** Environment of the UI server. */
export const UiEnv = z.object({
  PORT: PortEnv,
  HOST: HostEnv,
  /** Base URL of the notes API; /api/* is proxied there. */
  API_URL: BaseUrlEnv,
  /** Folder of the built web app (index.html, app.js, styles.css…). */
  STATIC_DIR: z.string().min(1).default(DEFAULT_STATIC_DIR),
  /** Host names accepted besides the loopback ones (comma-separated), for serving beyond this machine. */
  ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((host) => host.trim().toLowerCase()).filter((host) => host !== '')),
});
export type UiConfig = z.output<typeof UiEnv>;
