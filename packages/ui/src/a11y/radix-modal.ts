/**
 * a11y parameters for stories that show a Radix menu or listbox open. Radix marks the page behind
 * it `aria-hidden` and traps focus inside, so the trigger under it cannot be reached; axe sees a
 * focusable button inside aria-hidden and cannot know about the trap. Every other rule still runs.
 */
export const radixModalA11y = { config: { rules: [{ id: "aria-hidden-focus", enabled: false }] } };
