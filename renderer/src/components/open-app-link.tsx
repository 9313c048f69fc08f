// "Open app": a link (styled as the primary button) to the bundle's ui service.

/** Opens the app's UI in a new window/tab; says why when there is no URL yet. */
export function OpenAppLink({ uiUrl, appName }: { uiUrl: string | null; appName: string }) {
  if (uiUrl === null) {
    return (
      <span className="button button--primary button--disabled" aria-disabled="true" title="The UI service has no address yet">
        Open app
      </span>
    );
  }
  return (
    <a className="button button--primary" href={uiUrl} target="_blank" rel="noopener noreferrer" aria-label={`Open ${appName}`}>
      Open app
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}
