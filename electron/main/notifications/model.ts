// What the shell tells the person through desktop notifications, as data (pure): a service that
// failed (gave up restarting), an update ready to install, the supervisor itself failing. Each
// says what clicking it does.
import type { RuntimeEvent } from '../../../supervisor/src/control/contract.ts';

/** One service that failed, with the supervisor's reason. */
export interface ServiceFailure {
  service: string;
  reason: string | null;
}

/** Something worth a notification. */
export type NotifyInput =
  | { kind: 'services-failed'; failures: readonly ServiceFailure[] }
  /** `app`: an electron-updater release downloaded; `bundle`: a new bundle version staged (DESIGN §10). */
  | { kind: 'update-ready'; source: 'app' | 'bundle'; version: string }
  | { kind: 'supervisor-failed'; message: string };

/** What a click on a notification does. */
export type NotifyAction = { kind: 'open-service'; service: string } | { kind: 'open-dashboard' } | { kind: 'install-app-update'; version: string };

/** A notification ready to show. */
export interface NotificationSpec {
  title: string;
  body: string;
  action: NotifyAction;
}

/** The failure a state event reports: a service entering `failed` (restarts given up), else null. */
export function failureOf(event: RuntimeEvent): ServiceFailure | null {
  if (event.type !== 'state' || event.to !== 'failed' || event.from === 'failed') return null;
  return { service: event.service, reason: event.reason };
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Title, body and click action of a notification (several failures at once make one). */
export function describeNotification(appName: string, input: NotifyInput): NotificationSpec {
  switch (input.kind) {
    case 'services-failed': {
      const [first, ...rest] = input.failures;
      if (!first) throw new RangeError('services-failed needs at least one failure');
      if (rest.length === 0) {
        return { title: `${appName}: ${first.service} failed`, body: clip(first.reason ?? 'It stopped and will not be restarted.', 200), action: { kind: 'open-service', service: first.service } };
      }
      const names = input.failures.map((failure) => failure.service);
      return { title: `${appName}: ${names.length} services failed`, body: clip(`${names.join(', ')} stopped and will not be restarted.`, 200), action: { kind: 'open-dashboard' } };
    }
    case 'update-ready':
      return input.source === 'app'
        ? { title: `${appName} ${input.version} is ready to install`, body: 'Click to restart and install it now; otherwise it installs when you quit.', action: { kind: 'install-app-update', version: input.version } }
        : { title: `${appName} ${input.version} is ready`, body: 'A new version of the app’s services is ready. Click to see it in the dashboard.', action: { kind: 'open-dashboard' } };
    case 'supervisor-failed':
      return { title: `${appName} stopped working`, body: clip(input.message, 200), action: { kind: 'open-dashboard' } };
  }
}
