// The line a trace event becomes in a playground's output pane, in the page's language. The same lines as
// `describeEvent` (playgrounds/_shared/events.ts), which stays English for the terminal launcher: the same
// events give no line, times are rounded the same way, and a log line is the reader's own program output, so it
// is shown exactly as printed. The strings are the `output.*` keys of src/i18n/ui.ts.
import { t, type Locale } from '../i18n/ui.ts';
import type { TraceEvent } from '../playground/events.ts';
import type { ProcessNotice, RuntimeKind } from '../playground/runtime/types.ts';

/** A loop-delay window whose longest stall is shorter than this is the loop keeping up: no line. */
const STUCK_MS = 50;

const round = (value: number) => Math.round(value);

/** `describeEvent` for one language; null means "nothing worth a line", exactly when `describeEvent` says so. */
export function describeEventIn(locale: Locale): (event: TraceEvent) => string | null {
  return (event) => {
    switch (event.type) {
      case 'ready': {
        const runtime =
          event.node !== undefined && event.webcontainer !== undefined
            ? t(locale, 'output.runtimeWebContainer', { node: event.node, webcontainer: event.webcontainer })
            : event.node !== undefined
              ? `Node ${event.node}`
              : event.webcontainer !== undefined
                ? `WebContainer ${event.webcontainer}`
                : undefined;
        return runtime === undefined
          ? t(locale, 'output.ready', { port: event.port })
          : t(locale, 'output.readyOn', { port: event.port, runtime });
      }
      case 'loop-delay':
        return event.maxMs >= STUCK_MS ? t(locale, 'output.loopDelay', { max: round(event.maxMs) }) : null;
      case 'unsupported':
        return t(locale, 'output.unsupported', { feature: event.feature, detail: event.detail });
      case 'mechanism': {
        const params = { feature: event.feature, chosen: event.chosen };
        return event.detail
          ? t(locale, 'output.mechanismDetail', { ...params, detail: event.detail })
          : t(locale, 'output.mechanism', params);
      }
      case 'request': {
        const params = {
          target: event.target,
          method: event.method,
          path: event.path,
          offset: event.offsetMs,
          outcome: event.error ?? String(event.status),
          duration: round(event.end - event.start),
        };
        return event.servedBy
          ? t(locale, 'output.requestServedBy', { ...params, servedBy: event.servedBy })
          : t(locale, 'output.request', params);
      }
      case 'span': {
        const params = { name: event.name, duration: round(event.end - event.start) };
        return event.detail ? t(locale, 'output.spanDetail', { ...params, detail: event.detail }) : t(locale, 'output.span', params);
      }
      case 'log':
        return event.text;
      case 'done':
        return t(locale, 'output.done', { count: event.requests });
    }
  };
}

/** The line a runtime's notice about a process (its limits, a restart) becomes, in one language, naming who says it. */
export function describeNoticeIn(locale: Locale): (notice: ProcessNotice, runtime: RuntimeKind) => string {
  return (notice, runtime) => `${t(locale, `output.noticeFrom.${runtime}`)} ${t(locale, `output.notice.${notice.code}`, notice.values)}`;
}
