// What Starlight's table of contents watches to know which section the reader is in, found without `:has()`.
//
// Starlight 0.42 finds these elements with one `querySelectorAll` whose parts end in `*:not(:has(heading))`.
// Browsers match a selector from its right end, so that `:has()` searches the subtree of every element in the
// page, not just the few dozen candidates: on our longest chapters (about 4,000 elements, most of them the
// highlighted code's spans) one call took 35–60 ms, and it runs once for each of the two tables (desktop and
// mobile) while the page loads. At Lighthouse's mobile CPU slowdown that was most of the page's Total Blocking
// Time. This finds the same elements in the same order by looking at each candidate's subtree once.
// tests/e2e/toc-sections.spec.ts checks it against Starlight's selector on every built page.

/**
 * The elements Starlight's selector list matches, in document order, where `heading` is its selector for the
 * headings that can appear in the table (e.g. `h1#_top,:where(h2,h3)[id]`):
 *  - `main :where(heading)`: every such heading in a `main`;
 *  - `main :where(heading, .sl-heading-wrapper) ~ *:not(:has(heading))`: the later siblings of one, or of a
 *    heading wrapper, with no such heading inside;
 *  - `main .sl-markdown-content > *:not(:has(heading))`: the content's children with no such heading inside;
 *  - `main > *:not(:has(heading))`: main's children with no such heading inside.
 *
 * Self-contained (no imports, no outer names) so a test can run it in a page as it is.
 */
export function tocSections(document: Document, heading: string): Element[] {
  const found = new Set<Element>();
  const headingInside = new Map<Element, boolean>();
  const hasHeadingInside = (element: Element): boolean => {
    let answer = headingInside.get(element);
    if (answer === undefined) {
      answer = element.querySelector(heading) !== null;
      headingInside.set(element, answer);
    }
    return answer;
  };
  const addUnlessHeadingInside = (element: Element) => {
    if (!hasHeadingInside(element)) found.add(element);
  };
  // A sibling run is walked once: a later start in the same parent meets an already walked sibling and stops.
  const walked = new Set<Element>();
  for (const main of document.querySelectorAll('main')) {
    for (const element of main.querySelectorAll(heading)) found.add(element);
    for (const start of main.querySelectorAll(`${heading},.sl-heading-wrapper`)) {
      for (let next = start.nextElementSibling; next && !walked.has(next); next = next.nextElementSibling) {
        walked.add(next);
        addUnlessHeadingInside(next);
      }
    }
    for (const content of main.querySelectorAll('.sl-markdown-content')) {
      for (const child of content.children) addUnlessHeadingInside(child);
    }
    for (const child of main.children) addUnlessHeadingInside(child);
  }
  return [...found].sort((a, b) => (a.compareDocumentPosition(b) & 4 /* b follows a */ ? -1 : 1));
}
