// After every (re)start of the supervisor, the remembered prompt secrets are submitted again.
import type { RuntimeClient } from '../../../supervisor/src/control/contract.ts';
import { codeOf } from '../../ipc/errors.ts';
import type { Logger } from '../logging.ts';
import type { SecretStore } from './store.ts';

/** Submits every stored secret to a freshly connected supervisor; logs names and outcome, never values. */
export async function resubmitSecrets(secrets: SecretStore, connected: RuntimeClient, log: Logger): Promise<void> {
  const stored = await secrets.load();
  if (Object.keys(stored).length === 0) return;
  try {
    const reply = await connected.submitSecrets(stored);
    log.info(`re-submitted ${reply.accepted.length} remembered secret(s): ${reply.accepted.join(', ')}`);
  } catch (error) {
    log.warn(`re-submitting remembered secrets failed (${codeOf(error)})`);
  }
}
