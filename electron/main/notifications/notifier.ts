// Shows the model's notifications through Electron's Notification. Failures arriving within
// `batchMs` of each other make one notification (a database going down can take its dependents
// with it). The last shown notifications stay referenced until clicked, also after "close" (Windows
// closes a toast into the Action Center, where it can still be clicked): Electron drops the click
// handler of one that was garbage-collected (https://github.com/electron/electron/issues/16922).
import type { RuntimeEvent } from '../../../supervisor/src/control/contract.ts';
import type { ElectronApi, NotificationPort } from '../electron-api.ts';
import { describeNotification, failureOf, type NotifyAction, type NotifyInput, type ServiceFailure } from './model.ts';

/** Options of createNotifier. */
export interface NotifierOptions {
  electron: Pick<ElectronApi, 'notifications'>;
  appName: string;
  onAction: (action: NotifyAction) => void;
  batchMs?: number;
}

/** The notifier's handle. */
export interface Notifier {
  /** Feeds every runtime event; service failures become notifications. */
  onEvent(event: RuntimeEvent): void;
  /** Shows a notification now; false when this desktop cannot show one. */
  notify(input: NotifyInput): boolean;
  dispose(): void;
}

/** At most this many notifications are kept for their click handlers. */
const KEPT = 20;

/** Creates the notifier. */
export function createNotifier(options: NotifierOptions): Notifier {
  const { notifications } = options.electron;
  const kept = new Set<NotificationPort>();
  let pending: ServiceFailure[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const notify = (input: NotifyInput): boolean => {
    if (disposed || !notifications.isSupported()) return false;
    const spec = describeNotification(options.appName, input);
    const notification = notifications.create({ title: spec.title, body: spec.body });
    notification.on('click', () => {
      kept.delete(notification);
      options.onAction(spec.action);
    });
    kept.add(notification);
    if (kept.size > KEPT) kept.delete(kept.values().next().value as NotificationPort);
    notification.show();
    return true;
  };

  const flush = () => {
    timer = null;
    const failures = pending;
    pending = [];
    if (failures.length > 0) notify({ kind: 'services-failed', failures });
  };

  return {
    onEvent(event) {
      const failure = failureOf(event);
      if (!failure || disposed) return;
      pending = [...pending.filter((known) => known.service !== failure.service), failure];
      timer ??= setTimeout(flush, options.batchMs ?? 1_000);
    },
    notify,
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      pending = [];
      kept.clear();
    },
  };
}
