// Shown for a hash route the dashboard does not know.
import { hrefFor } from '../routing/hash-route.ts';
import { ScreenHeading } from './screen-heading.tsx';

/** "Page not found" with a way back. */
export function NotFoundScreen({ hash }: { hash: string }) {
  return (
    <>
      <ScreenHeading title="Page not found" />
      <p>
        Nothing lives at <code>{hash}</code>. <a href={hrefFor({ name: 'home' })}>Go to the overview</a>
      </p>
    </>
  );
}
