// When a screen opens, its heading takes focus so screen readers announce it, except for the
// very first screen of the page: there the browser's own start (skip link first) is kept.
let armed = false;

/** Called once the dashboard frame has rendered: later screens move focus to their heading. */
export function armHeadingFocus(): void {
  armed = true;
}

/** Whether a newly shown screen should focus its heading. */
export function shouldFocusHeading(): boolean {
  return armed;
}
