// The h1 of a screen, focused when the screen opens so screen readers announce where they are.
import { useEffect, useRef, type ReactNode } from 'react';
import { shouldFocusHeading } from './focus-policy.ts';

/** Title row of a screen: heading, optional subtitle and trailing content (badges, actions). */
export function ScreenHeading({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Only move focus when it is on nothing in particular (page load, or a link that navigated).
    const active = document.activeElement;
    if (!shouldFocusHeading()) return;
    if (active === null || active === document.body || active instanceof HTMLAnchorElement) ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <div className="screen-heading">
      <div className="screen-heading__text">
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {subtitle !== undefined && <p className="screen-heading__subtitle muted">{subtitle}</p>}
      </div>
      {children !== undefined && <div className="screen-heading__aside">{children}</div>}
    </div>
  );
}
