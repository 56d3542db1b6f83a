// Redraws a playground's timeline figure as a live run's events arrive, with the same render functions the
// build used for the reference run. The reference is kept aside: a run that ends early before drawing anything
// puts it back, and any other offers it again, so the reader never loses the result they were reading.
import type { Locale } from '../i18n/ui.ts';
import type { TraceEvent } from '../playground/events.ts';
import type { Manifest } from '../playground/manifest.ts';
import type { RuntimeKind } from '../playground/runtime/types.ts';
import { liveCaption, type LiveOutcome } from '../playground/provenance.ts';
import { renderTimelineParts, timelineLabels, timelineProcesses } from '../playground/timeline.ts';

export interface LiveTimeline {
  add(event: TraceEvent): void;
  /**
   * The run has ended; from then on the reference run can be shown again. A run that ended early (stopped or
   * failed) and drew nothing puts the reference back at once; one that drew something keeps it, and the caption
   * says it is partial.
   */
  end(outcome: 'done' | 'stopped' | 'failed'): void;
  /** Puts the reference run back (the "Show the reference run again" button). */
  restoreReference(): void;
}

const HOOKS = ['legend', 'svg', 'logs', 'table', 'caption'] as const;
type Hook = (typeof HOOKS)[number];

interface Snapshot {
  html: Record<Hook, string>;
  tableHidden: boolean;
}

const references = new WeakMap<Element, Snapshot>();

/** `detail` of the `playground-run-end` event: everything a run printed, and where it ran. */
export interface RunEndDetail {
  outcome: 'done' | 'stopped' | 'failed';
  runtime: RuntimeKind;
  events: TraceEvent[];
}

/**
 * Tells whoever listens on the playground element that a run has ended, with its events. The opt-in WebContainer
 * suite (tests/e2e/webcontainer.spec.ts) judges the playground's claim from them; nothing on the page needs it.
 */
function announceRunEnd(element: HTMLElement, detail: RunEndDetail): void {
  element.dispatchEvent(new CustomEvent<RunEndDetail>('playground-run-end', { detail }));
}

export function renderLiveTimeline(element: HTMLElement, manifest: Manifest, locale: Locale, runtime: RuntimeKind): LiveTimeline {
  const figure = element.querySelector<HTMLElement>('[data-timeline]')!;
  const hook = (name: Hook) => figure.querySelector<HTMLElement>(`[data-timeline-${name}]`)!;
  const details = figure.querySelector<HTMLDetailsElement>('details')!;
  if (!references.has(figure)) {
    references.set(figure, {
      html: Object.fromEntries(HOOKS.map((name) => [name, hook(name).innerHTML])) as Record<Hook, string>,
      tableHidden: details.hidden === true,
    });
  }
  const processes = timelineProcesses(manifest.processes, locale);
  const labels = timelineLabels(locale);
  const events: TraceEvent[] = [];
  // Rewritten with every redraw: the Node version and the ways the synchronous calls were made arrive as events.
  const date = new Date().toLocaleString(locale);
  let outcome: LiveOutcome = 'running';
  const caption = () => liveCaption({ runtime, outcome, date, events }, processes, locale);
  const showReference = figure.querySelector<HTMLButtonElement>('[data-action="show-reference"]')!;
  showReference.hidden = true;
  let frame = 0;

  // One redraw per animation frame, however many events arrived since the last.
  const draw = () => {
    frame = 0;
    const parts = renderTimelineParts(events, processes, labels, { width: figure.clientWidth });
    hook('legend').innerHTML = parts.legend;
    hook('svg').innerHTML = parts.svg;
    hook('logs').innerHTML = parts.logs;
    hook('table').innerHTML = parts.table;
    hook('caption').textContent = caption();
    details.hidden = parts.table === '';
  };

  const restoreReference = () => {
    cancelAnimationFrame(frame);
    frame = 0;
    const reference = references.get(figure)!;
    for (const name of HOOKS) hook(name).innerHTML = reference.html[name];
    details.hidden = reference.tableHidden;
    // The button just pressed goes away; focus lands on the caption beside it, which a screen reader then reads
    // ("Reference run recorded on …"), instead of falling back to the top of the page.
    if (showReference.contains(document.activeElement)) hook('caption').focus();
    showReference.hidden = true;
  };

  return {
    add(event) {
      events.push(event);
      frame ||= requestAnimationFrame(draw);
    },
    end(ended) {
      announceRunEnd(element, { outcome: ended, runtime, events: [...events] });
      if (ended !== 'done' && events.length === 0) {
        restoreReference();
        return;
      }
      outcome = ended;
      // Drawn now, not at the next frame: the figure and its caption must agree from this moment.
      cancelAnimationFrame(frame);
      draw();
      showReference.hidden = false;
    },
    restoreReference,
  };
}
