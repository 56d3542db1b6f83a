// The timeline: a run's events -> a layout model -> SVG markup and a table, on ONE time axis shared by every
// process. Pure (no DOM, no `node:`): the page lays out the reference run at build time, and the island lays out a
// live run again each time an event arrives, with the same functions, so both look and read the same.
//
// Horizontal positions in the model are fractions of the plot's width (0..1) and the SVG writes them as
// percentages, while vertical positions are pixels. The figure therefore stretches to any width with its text at
// its real size: a viewBox would shrink the labels to 5 px on a 320 px phone.
import { ui, type Locale } from '../i18n/ui.ts';
import { median, requestLatencyMs, type LogEvent, type LoopDelayEvent, type RequestEvent, type SpanEvent, type TraceEvent } from './events.ts';
import { processRole, type ProcessRole, type ProcessSpec } from './scenario.ts';

// ---------------------------------------------------------------------------------------------------------------
// Labels: every visible string comes in here, from src/i18n/ui.ts (`timeline.<key>`).

export const timelineTextKeys = [
  'title',
  'empty',
  'axis',
  'legendQueued',
  'legendWaiting',
  'legendReceiving',
  'legendFailed',
  'legendSpan',
  'legendDelay',
  'legendLog',
  'routeSummary',
  'delayHeading',
  'delayUnsupported',
  'descRoute',
  'descDelay',
  'descSpans',
  'listSeparator',
  'ms',
  'tableCaption',
  'colServer',
  'colRequest',
  'colOffset',
  'colWaited',
  'colLatency',
  'colOutcome',
  'servedBy',
  'spanTableCaption',
  'colProcess',
  'colSpan',
  'colStart',
  'colDuration',
  'logsLabel',
  'detailsRequests',
  'detailsSpans',
] as const;

export type TimelineTextKey = (typeof timelineTextKeys)[number];

export interface TimelineLabels {
  /** BCP 47 language for number formatting (`1,020 ms`). */
  lang: string;
  /** Templates may hold `{name}` placeholders, filled by the renderers. */
  text: Record<TimelineTextKey, string>;
}

/** The timeline's strings in one language, from the site's single table of UI strings. */
export function timelineLabels(locale: Locale): TimelineLabels {
  const text = Object.fromEntries(
    timelineTextKeys.map((key) => [key, ui[`timeline.${key}`][locale]]),
  ) as Record<TimelineTextKey, string>;
  return { lang: locale, text };
}

// ---------------------------------------------------------------------------------------------------------------
// The model.

export interface TimelineProcess {
  id: string;
  /** Already in the page's language. */
  label: string;
  role?: ProcessRole;
}

/** A manifest's processes as the timeline takes them: labels in one language, roles resolved. */
export function timelineProcesses(
  processes: ReadonlyArray<ProcessSpec & { label: Record<Locale, string> }>,
  locale: Locale,
): TimelineProcess[] {
  return processes.map((process) => ({ id: process.id, label: process.label[locale], role: processRole(process) }));
}

export interface TimelineOptions {
  /** The width in CSS pixels the figure is expected to be drawn at; decides how many ticks fit. */
  width?: number;
}

export interface AxisTick {
  /** Milliseconds from `t0`. */
  ms: number;
  x: number;
}

export interface TimelineAxis {
  /** Epoch ms of the axis's left edge: the earliest thing drawn. */
  t0: number;
  /** The axis runs from 0 to `endMs` ms after `t0`: the latest thing drawn, rounded up to a tick. */
  endMs: number;
  ticks: AxisTick[];
}

export type RequestPhase = 'queued' | 'waiting' | 'receiving';
/** `failed`: no response (an error, a timeout); `http-error`: a 4xx or 5xx response. */
export type RequestOutcome = 'ok' | 'http-error' | 'failed';

export interface Segment {
  x: number;
  width: number;
}

export interface RequestBar {
  id: number;
  method: string;
  path: string;
  row: number;
  y: number;
  /** From `scheduled` to `end`, widened to stay visible. */
  x: number;
  width: number;
  phases: Array<Segment & { phase: RequestPhase }>;
  outcome: RequestOutcome;
  status: number | null;
  error?: string;
  latencyMs: number;
}

export interface RouteSummary {
  method: string;
  path: string;
  count: number;
  medianMs: number;
  maxMs: number;
}

/** A lane's requests to one route, stacked into as many rows as overlap. */
export interface RequestGroup {
  summary: RouteSummary;
  labelY: number;
  rows: number;
  bars: RequestBar[];
}

export interface SpanBar extends Segment {
  name: string;
  detail?: string;
  durationMs: number;
  startMs: number;
  y: number;
  labelY: number;
  /** Labels of spans in the right half end at the bar's end, so they stay inside the figure. */
  labelAnchor: 'start' | 'end';
}

export interface DelayCell extends Segment {
  /** How long the loop could not run a callback in this window. */
  delayMs: number;
  /** Pixel height of the cell, from the strip's baseline up. */
  height: number;
  /** Stuck long enough to notice (the same threshold the trace's text mode reports). */
  stalled: boolean;
}

export interface DelayStrip {
  part?: string;
  labelY: number;
  y: number;
  cells: DelayCell[];
  longestMs: number;
}

export interface LogMark {
  /** 1-based, in time order across the whole figure; the list under the figure uses the same numbers. */
  index: number;
  process: string;
  text: string;
  ms: number;
  x: number;
  y: number;
}

export interface TimelineLane {
  process: TimelineProcess;
  y: number;
  height: number;
  groups: RequestGroup[];
  spans: SpanBar[];
  delays: DelayStrip[];
  /** Set when the runtime could not measure the loop (no `monitorEventLoopDelay`). */
  delayUnsupportedY: number | null;
  logs: LogMark[];
}

export type LegendKind = 'queued' | 'waiting' | 'receiving' | 'failed' | 'span' | 'delay' | 'log';

export interface TimelineLayout {
  axis: TimelineAxis;
  /** Pixels, from the axis's label to the end of the last lane. */
  height: number;
  /** What the legend must explain: only the marks this run has. */
  legend: LegendKind[];
  lanes: TimelineLane[];
  logs: LogMark[];
  summary: RunSummary;
  empty: boolean;
}

export type RunSummary = Array<{ process: TimelineProcess; routes: RouteSummary[] }>;

// ---------------------------------------------------------------------------------------------------------------
// Geometry (px). Rows have a fixed height: a lane with many requests grows taller rather than its bars thinner.

const DEFAULT_WIDTH = 640;
const TICK_SPACING_PX = 100;
const MIN_BAR_PX = 3;
const AXIS_BLOCK = 40;
const LANE_TITLE = 24;
const GROUP_LABEL = 17;
const REQUEST_ROW = 11;
const REQUEST_BAR = 8;
const SPAN_ROW = 28;
const SPAN_BAR = 9;
const DELAY_LABEL = 17;
const DELAY_STRIP = 20;
const LOG_ROW = 20;
/** Fraction of the plot two log marks keep between them on one row: a mark's width on a 360 px phone. */
const LOG_MARK_GAP = 18 / 360;
const BLOCK_GAP = 6;
const LANE_GAP = 26;
/** A loop-delay cell reaches the strip's full height at this delay; a square-root scale keeps 20 ms visible. */
const DELAY_FULL_MS = 1000;
/** The delay from which the loop counts as stuck: the threshold the trace's text mode reports too. */
const STALL_MS = 50;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

// ---------------------------------------------------------------------------------------------------------------
// Layout.

/** Lanes in the order a reader compares them: fired-at servers and scripts first, upstreams after them. */
function laneOrder(processes: ReadonlyArray<TimelineProcess>): TimelineProcess[] {
  return [
    ...processes.filter((process) => process.role !== 'upstream'),
    ...processes.filter((process) => process.role === 'upstream'),
  ];
}

function isOfType<T extends TraceEvent['type']>(type: T) {
  return (event: TraceEvent): event is Extract<TraceEvent, { type: T }> => event.type === type;
}

/**
 * The span of time worth drawing: requests, spans and log lines. Loop-delay windows alone (servers idling before
 * the load client starts) would stretch the axis over nothing, so they decide it only when nothing else exists yet.
 */
function timeExtent(events: readonly TraceEvent[]): { t0: number; t1: number } | null {
  const times: number[] = [];
  for (const event of events) {
    if (event.type === 'request') times.push(event.scheduled, event.start, event.end);
    else if (event.type === 'span') times.push(event.start, event.end);
    else if (event.type === 'log') times.push(event.t);
  }
  if (times.length === 0) {
    for (const event of events) {
      if (event.type === 'loop-delay') times.push(event.start, event.end);
    }
  }
  if (times.length === 0) return null;
  return { t0: Math.min(...times), t1: Math.max(...times) };
}

/** 1, 2 or 5 times a power of ten: steps a reader can add up in their head. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const factor = rough / power;
  return (factor <= 1 ? 1 : factor <= 2 ? 2 : factor <= 5 ? 5 : 10) * power;
}

function layoutAxis(extent: { t0: number; t1: number } | null, width: number): TimelineAxis {
  const t0 = extent?.t0 ?? 0;
  const spanMs = Math.max(1, (extent?.t1 ?? 1000) - t0);
  const intervals = clamp(Math.round(width / TICK_SPACING_PX), 3, 8);
  const step = Math.max(1, niceStep(spanMs / intervals));
  const endMs = Math.ceil(spanMs / step - 1e-9) * step;
  const ticks: AxisTick[] = [];
  for (let ms = 0; ms <= endMs + 1e-9; ms += step) ticks.push({ ms, x: ms / endMs });
  return { t0, endMs, ticks };
}

function toX(axis: TimelineAxis, time: number): number {
  return clamp((time - axis.t0) / axis.endMs, 0, 1);
}

function segment(axis: TimelineAxis, from: number, to: number, minWidth = 0): Segment {
  const x = toX(axis, from);
  return { x, width: Math.max(minWidth, toX(axis, to) - x) };
}

function outcomeOf(request: RequestEvent): RequestOutcome {
  if (request.error !== undefined || request.status === null) return 'failed';
  return request.status >= 400 ? 'http-error' : 'ok';
}

const routeKey = (method: string, path: string) => `${method} ${path}`;

function summariseRoute(requests: ReadonlyArray<Pick<RequestEvent, 'method' | 'path' | 'start' | 'end'>>): RouteSummary {
  const latencies = requests.map(requestLatencyMs).sort((a, b) => a - b);
  const first = requests[0];
  return {
    method: first?.method ?? 'GET',
    path: first?.path ?? '/',
    count: latencies.length,
    medianMs: median(latencies),
    maxMs: latencies.at(-1) ?? 0,
  };
}

/** Groups requests by route, in the order each route was first planned. */
function byRoute(requests: readonly RequestEvent[]): RequestEvent[][] {
  const groups = new Map<string, RequestEvent[]>();
  const ordered = [...requests].sort((a, b) => a.offsetMs - b.offsetMs || a.id - b.id);
  for (const request of ordered) {
    const key = routeKey(request.method, request.path);
    groups.set(key, [...(groups.get(key) ?? []), request]);
  }
  return [...groups.values()];
}

/** First-fit packing: each bar takes the first row whose last bar has ended by the time it is scheduled. */
function assignRows<T>(items: readonly T[], from: (item: T) => number, to: (item: T) => number): number[] {
  const rowEnds: number[] = [];
  return items.map((item) => {
    let row = rowEnds.findIndex((end) => end <= from(item));
    if (row === -1) row = rowEnds.length;
    rowEnds[row] = to(item);
    return row;
  });
}

function requestBar(axis: TimelineAxis, request: RequestEvent, row: number, y: number, minWidth: number): RequestBar {
  const start = Math.max(request.start, request.scheduled);
  const answered = request.firstByte ?? request.end;
  const phases: RequestBar['phases'] = [];
  // A queued phase thinner than a visible bar is timer jitter, not queueing: drawing it would only add noise.
  const queued = segment(axis, request.scheduled, start);
  if (queued.width >= minWidth) phases.push({ phase: 'queued', ...queued });
  // The waiting phase carries the minimum width: it is the one that tells blocking from non-blocking.
  phases.push({ phase: 'waiting', ...segment(axis, start, answered, minWidth) });
  if (request.firstByte !== null && request.end > request.firstByte) {
    phases.push({ phase: 'receiving', ...segment(axis, request.firstByte, request.end) });
  }
  const whole = segment(axis, request.scheduled, request.end, minWidth);
  return {
    id: request.id,
    method: request.method,
    path: request.path,
    row,
    y,
    ...whole,
    phases,
    outcome: outcomeOf(request),
    status: request.status,
    ...(request.error !== undefined ? { error: request.error } : {}),
    latencyMs: requestLatencyMs(request),
  };
}

function layoutRequestGroups(
  axis: TimelineAxis,
  requests: readonly RequestEvent[],
  top: number,
  minWidth: number,
): { groups: RequestGroup[]; bottom: number } {
  let y = top;
  const groups = byRoute(requests).map((route) => {
    const sorted = [...route].sort((a, b) => a.scheduled - b.scheduled || a.id - b.id);
    const rows = assignRows(sorted, (request) => request.scheduled, (request) => request.end);
    const labelY = y;
    const barsTop = y + GROUP_LABEL;
    const bars = sorted.map((request, index) => {
      const row = rows[index] ?? 0;
      return requestBar(axis, request, row, barsTop + row * REQUEST_ROW, minWidth);
    });
    const rowCount = Math.max(0, ...rows) + 1;
    y = barsTop + rowCount * REQUEST_ROW + BLOCK_GAP;
    return { summary: summariseRoute(sorted), labelY, rows: rowCount, bars };
  });
  return { groups, bottom: y };
}

function layoutSpans(axis: TimelineAxis, spans: readonly SpanEvent[], top: number, minWidth: number) {
  // One row per span, each with its own label line: names are long and spans overlap, so nothing collides.
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const bars = sorted.map((span, index): SpanBar => {
    const labelY = top + index * SPAN_ROW;
    const bar = segment(axis, span.start, span.end, minWidth);
    return {
      ...bar,
      name: span.name,
      ...(span.detail !== undefined ? { detail: span.detail } : {}),
      durationMs: span.end - span.start,
      startMs: span.start - axis.t0,
      labelY,
      y: labelY + SPAN_ROW - SPAN_BAR - 4,
      labelAnchor: bar.x + bar.width / 2 > 0.5 ? 'end' : 'start',
    };
  });
  return { bars, bottom: top + bars.length * SPAN_ROW + (bars.length > 0 ? BLOCK_GAP : 0) };
}

/**
 * How long the loop was stuck in each window. `maxMs` alone misses the worst case: a loop blocked for the whole
 * window records no sample at all (maxMs 0), and the window itself ends late instead. The shortest window is
 * the sampling interval (timers never fire early), so anything longer than it is time the loop could not run.
 */
function windowDelays(windows: readonly LoopDelayEvent[]): number[] {
  const shortest = Math.min(...windows.map((window) => window.end - window.start));
  return windows.map((window) => Math.max(window.maxMs, window.end - window.start - shortest));
}

function delayCellHeight(delayMs: number): number {
  // At least a hairline, so "measured, no delay" differs from "not measured".
  return Math.max(1.5, DELAY_STRIP * Math.sqrt(clamp(delayMs, 0, DELAY_FULL_MS) / DELAY_FULL_MS));
}

function layoutDelayStrips(axis: TimelineAxis, windows: readonly LoopDelayEvent[], top: number, minWidth: number) {
  const parts = new Map<string | undefined, LoopDelayEvent[]>();
  for (const window of windows) parts.set(window.part, [...(parts.get(window.part) ?? []), window]);
  const axisEnd = axis.t0 + axis.endMs;
  let y = top;
  // Parts (cluster workers) in name order, so worker 1 comes before worker 2 whichever reported first.
  const ordered = [...parts].sort(([a], [b]) => (a ?? '').localeCompare(b ?? '', 'en', { numeric: true }));
  const strips = ordered.map(([part, partWindows]): DelayStrip => {
    const sorted = [...partWindows].sort((a, b) => a.start - b.start);
    const delays = windowDelays(sorted);
    const cells = sorted.flatMap((window, index): DelayCell[] => {
      if (window.end <= axis.t0 || window.start >= axisEnd) return [];
      const delayMs = delays[index] ?? 0;
      const cell = segment(axis, window.start, window.end, minWidth);
      return [{ ...cell, delayMs, height: delayCellHeight(delayMs), stalled: delayMs >= STALL_MS }];
    });
    const strip = {
      ...(part !== undefined ? { part } : {}),
      labelY: y,
      y: y + DELAY_LABEL,
      cells,
      longestMs: Math.max(0, ...cells.map((cell) => cell.delayMs)),
    };
    y += DELAY_LABEL + DELAY_STRIP + BLOCK_GAP;
    return strip;
  });
  return { strips, bottom: y };
}

function layoutLane(
  process: TimelineProcess,
  events: readonly TraceEvent[],
  axis: TimelineAxis,
  top: number,
  minWidth: number,
): TimelineLane {
  const own = events.filter((event) => event.proc === process.id);
  const requests = events.filter(isOfType('request')).filter((request) => request.target === process.id);
  const { groups, bottom: afterRequests } = layoutRequestGroups(axis, requests, top + LANE_TITLE, minWidth);
  const { bars: spans, bottom: afterSpans } = layoutSpans(axis, own.filter(isOfType('span')), afterRequests, minWidth);
  const { strips, bottom: afterDelays } = layoutDelayStrips(axis, own.filter(isOfType('loop-delay')), afterSpans, minWidth);
  const unsupported = strips.length === 0 && own.some((event) => event.type === 'unsupported' && /monitorEventLoopDelay/.test(event.feature));
  const afterUnsupported = afterDelays + (unsupported ? DELAY_LABEL + BLOCK_GAP : 0);
  const { marks: logMarks, bottom } = layoutLogMarks(axis, process, own.filter(isOfType('log')), afterUnsupported);
  return {
    process,
    y: top,
    height: bottom - top,
    groups,
    spans,
    delays: strips,
    delayUnsupportedY: unsupported ? afterDelays : null,
    logs: logMarks,
  };
}

/**
 * Log lines often come in bursts a few ms apart (their order is the point), so marks closer than a phone's
 * circle width stack into rows instead of covering each other.
 */
function layoutLogMarks(axis: TimelineAxis, process: TimelineProcess, logs: readonly LogEvent[], top: number) {
  const sorted = [...logs].sort((a, b) => a.t - b.t);
  const xs = sorted.map((log) => toX(axis, log.t));
  const rows = assignRows(xs, (x) => x, (x) => x + LOG_MARK_GAP);
  const marks = sorted.map((log, index): LogMark => {
    const row = rows[index] ?? 0;
    return { index: 0, process: process.label, text: log.text, ms: log.t - axis.t0, x: xs[index] ?? 0, y: top + row * LOG_ROW };
  });
  return { marks, bottom: top + (marks.length > 0 ? (Math.max(...rows) + 1) * LOG_ROW : 0) };
}

/** Numbers log lines in time order across all lanes (ties keep lane order, and printed order within a lane). */
function numberLogs(lanes: readonly TimelineLane[]): LogMark[] {
  const all = lanes.flatMap((lane) => lane.logs);
  const ordered = all.map((mark, printed) => ({ mark, printed })).sort((a, b) => a.mark.ms - b.mark.ms || a.printed - b.printed);
  ordered.forEach(({ mark }, index) => (mark.index = index + 1));
  return ordered.map(({ mark }) => mark);
}

function legendKinds(lanes: readonly TimelineLane[]): LegendKind[] {
  const bars = lanes.flatMap((lane) => lane.groups.flatMap((group) => group.bars));
  const kinds: LegendKind[] = [];
  const hasPhase = (phase: RequestPhase) => bars.some((bar) => bar.phases.some((part) => part.phase === phase));
  if (hasPhase('queued')) kinds.push('queued');
  if (bars.length > 0) kinds.push('waiting');
  if (hasPhase('receiving')) kinds.push('receiving');
  if (bars.some((bar) => bar.outcome !== 'ok')) kinds.push('failed');
  if (lanes.some((lane) => lane.spans.length > 0)) kinds.push('span');
  if (lanes.some((lane) => lane.delays.length > 0)) kinds.push('delay');
  if (lanes.some((lane) => lane.logs.length > 0)) kinds.push('log');
  return kinds;
}

/**
 * Lays a run out on one time axis: a lane per process with its requests (stacked into rows where they overlap,
 * grouped by route), its spans, its event-loop delay and its log lines. Any prefix of a run's events lays out.
 */
export function layoutTimeline(
  events: readonly TraceEvent[],
  processes: ReadonlyArray<TimelineProcess>,
  options: TimelineOptions = {},
): TimelineLayout {
  const width = options.width ?? DEFAULT_WIDTH;
  const minWidth = MIN_BAR_PX / width;
  const extent = timeExtent(events);
  const axis = layoutAxis(extent, width);
  const ordered = laneOrder(processes);
  let y = AXIS_BLOCK;
  const lanes = ordered.map((process) => {
    const lane = layoutLane(process, events, axis, y, minWidth);
    y += lane.height + LANE_GAP;
    return lane;
  });
  return {
    axis,
    height: Math.max(AXIS_BLOCK, y - LANE_GAP + 4),
    legend: legendKinds(lanes),
    lanes,
    logs: numberLogs(lanes),
    summary: summariseRequests(events.filter(isOfType('request')), ordered),
    empty: extent === null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Summaries and the table (the text alternative).

export interface RequestRow {
  process: TimelineProcess;
  id: number;
  method: string;
  path: string;
  offsetMs: number;
  /** start − scheduled: how late the request left, never negative. */
  waitedMs: number;
  /** end − start. */
  latencyMs: number;
  status: number | null;
  servedBy?: string;
  error?: string;
}

function summariseRequests(requests: readonly RequestEvent[], processes: ReadonlyArray<TimelineProcess>): RunSummary {
  return laneOrder(processes).flatMap((process) => {
    const own = requests.filter((request) => request.target === process.id);
    return own.length === 0 ? [] : [{ process, routes: byRoute(own).map(summariseRoute) }];
  });
}

/** Per server, per route (method and path): count, median and max latency (end − start), in lane order. */
export function summariseRun(events: readonly TraceEvent[], processes: ReadonlyArray<TimelineProcess>): RunSummary {
  return summariseRequests(events.filter(isOfType('request')), processes);
}

/** Every request fired at one of `processes`, in lane order and then in the order they were planned. */
export function requestRows(events: readonly TraceEvent[], processes: ReadonlyArray<TimelineProcess>): RequestRow[] {
  const requests = events.filter(isOfType('request'));
  return laneOrder(processes).flatMap((process) =>
    requests
      .filter((request) => request.target === process.id)
      .sort((a, b) => a.offsetMs - b.offsetMs || a.id - b.id)
      .map((request) => ({
        process,
        id: request.id,
        method: request.method,
        path: request.path,
        offsetMs: request.offsetMs,
        waitedMs: Math.max(0, request.start - request.scheduled),
        latencyMs: requestLatencyMs(request),
        status: request.status,
        ...(request.servedBy !== undefined ? { servedBy: request.servedBy } : {}),
        ...(request.error !== undefined ? { error: request.error } : {}),
      })),
  );
}

/** The same summary as summariseRun, from table rows (latency = end − start there too). */
function summariseRows(rows: readonly RequestRow[]): RunSummary {
  const byProcess = new Map<string, RequestRow[]>();
  for (const row of rows) byProcess.set(row.process.id, [...(byProcess.get(row.process.id) ?? []), row]);
  return [...byProcess.values()].map((own) => {
    const routes = new Map<string, RequestRow[]>();
    for (const row of own) {
      const key = routeKey(row.method, row.path);
      routes.set(key, [...(routes.get(key) ?? []), row]);
    }
    return {
      process: own[0]!.process,
      routes: [...routes.values()].map((group) =>
        summariseRoute(group.map((row) => ({ method: row.method, path: row.path, start: 0, end: row.latencyMs }))),
      ),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Text.

/** Escapes text for an HTML or SVG text node or a quoted attribute: labels, paths and log lines come from code the reader edits. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Fills `{name}` placeholders; values are inserted as given (escape the result, not the values). */
function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

function formatters(labels: TimelineLabels) {
  const number = new Intl.NumberFormat(labels.lang, { maximumFractionDigits: 0 });
  const ms = (value: number) => fill(labels.text.ms, { value: number.format(Math.round(value)) });
  return { number: (value: number) => number.format(value), ms };
}

/** One sentence per route comparing the servers' median latency, as the figure's description and table caption. */
function routeSentences(summary: RunSummary, labels: TimelineLabels): string[] {
  const { ms } = formatters(labels);
  const routes = new Map<string, string[]>();
  for (const { process, routes: processRoutes } of summary) {
    for (const route of processRoutes) {
      const key = routeKey(route.method, route.path);
      routes.set(key, [...(routes.get(key) ?? []), `${process.label} ${ms(route.medianMs)}`]);
    }
  }
  return [...routes].map(([request, list]) =>
    fill(labels.text.descRoute, { request, list: list.join(labels.text.listSeparator) }),
  );
}

function describeLayout(layout: TimelineLayout, labels: TimelineLabels): string {
  if (layout.empty) return labels.text.empty;
  const { ms } = formatters(labels);
  const sentences = routeSentences(layout.summary, labels);
  const delays = layout.lanes
    .filter((lane) => lane.delays.length > 0)
    .map((lane) => `${lane.process.label} ${ms(Math.max(...lane.delays.map((strip) => strip.longestMs)))}`);
  if (delays.length > 0) sentences.push(fill(labels.text.descDelay, { list: delays.join(labels.text.listSeparator) }));
  for (const lane of layout.lanes) {
    if (lane.groups.length > 0 || lane.spans.length === 0 || lane.process.role === 'upstream') continue;
    const list = lane.spans.map((span) => `${span.name} ${ms(span.durationMs)}`).join(labels.text.listSeparator);
    sentences.push(fill(labels.text.descSpans, { process: lane.process.label, list }));
  }
  return sentences.join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// SVG.

// Colours are Starlight's theme variables (with fallbacks outside Starlight), so light and dark both work. No state
// is told by colour alone: phases differ in lightness and outline, failures carry a ✕, stalls are taller cells.
const SVG_STYLE = `
.tl{overflow:visible;font-size:12px}
.tl text{fill:var(--sl-color-gray-2,#3b3f4a);paint-order:stroke;stroke:var(--sl-color-bg,#fff);stroke-width:3px;stroke-linejoin:round}
.tl .tl-lane-title{font-weight:600;font-size:13px;fill:var(--sl-color-white,#17181c)}
.tl .tl-muted{fill:var(--sl-color-gray-3,#5b5f6a)}
.tl .tl-grid{stroke:var(--sl-color-gray-5,#c2c4ca);stroke-width:1}
.tl .tl-rule{stroke:var(--sl-color-gray-4,#8e9099);stroke-width:1}
.tl .tl-queued{fill:var(--sl-color-accent-low,#dbe1fd);stroke:var(--sl-color-accent,#4d6bfe);stroke-width:1;stroke-dasharray:2 2}
.tl .tl-waiting{fill:var(--sl-color-accent,#4d6bfe)}
.tl .tl-receiving{fill:var(--sl-color-accent-high,#1c2d8c)}
.tl .tl-bad{fill:none;stroke:var(--sl-color-red,#e64980);stroke-width:1.5;stroke-dasharray:3 2}
.tl .tl-cross{fill:var(--sl-color-red-high,#9c1c4c);font-weight:700}
.tl .tl-span{fill:var(--sl-color-purple,#a64de6)}
.tl .tl-delay{fill:var(--sl-color-orange,#f5a623);opacity:.5}
.tl .tl-delay.tl-stalled{opacity:1}
.tl .tl-delay-base{stroke:var(--sl-color-gray-5,#c2c4ca);stroke-width:1}
.tl .tl-log{fill:var(--sl-color-black,#fff);stroke:var(--sl-color-white,#17181c);stroke-width:1.25}
.tl .tl-log-number{font-size:10px;font-weight:600;fill:var(--sl-color-white,#17181c)}
@media (max-width:40rem){.tl .tl-tick-minor{display:none}}
`;

const pct = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;
const px = (value: number) => String(Math.round(value * 10) / 10);

function svgText(x: string, y: number, text: string, attributes = ''): string {
  return `<text x="${x}" y="${px(y)}"${attributes}>${escapeMarkup(text)}</text>`;
}

const LEGEND_TEXT: Record<LegendKind, TimelineTextKey> = {
  queued: 'legendQueued',
  waiting: 'legendWaiting',
  receiving: 'legendReceiving',
  failed: 'legendFailed',
  span: 'legendSpan',
  delay: 'legendDelay',
  log: 'legendLog',
};

/** A legend swatch drawn with the same classes as the marks it explains. */
function legendSwatch(kind: LegendKind): string {
  switch (kind) {
    case 'failed':
      return '<rect class="tl-bad" x="1" y="3" width="14" height="8"/><text class="tl-cross" x="8" y="11" text-anchor="middle">✕</text>';
    case 'delay':
      return '<rect class="tl-delay tl-stalled" x="0" y="1" width="16" height="12"/>';
    case 'log':
      return '<circle class="tl-log" cx="8" cy="7" r="6"/>';
    default:
      return `<rect class="tl-${kind}" x="0" y="3" width="16" height="8"/>`;
  }
}

/**
 * The legend as an HTML list, so it wraps to any width (the SVG's text cannot). It only explains the figure's
 * marks, which the SVG's description and the table already put in words, so it is hidden from screen readers.
 */
export function renderTimelineLegend(layout: TimelineLayout, labels: TimelineLabels): string {
  if (layout.empty) return '';
  const items = layout.legend.map(
    (kind) =>
      `<li><svg class="tl" width="16" height="14" aria-hidden="true">${legendSwatch(kind)}</svg>${escapeMarkup(labels.text[LEGEND_TEXT[kind]])}</li>`,
  );
  return `<ul class="timeline-legend" aria-hidden="true">${items.join('')}</ul>`;
}

/** The axis's label, its ticks in ms and grid lines through every lane, in the first AXIS_BLOCK pixels. */
function renderAxis(layout: TimelineLayout, labels: TimelineLabels): string {
  const { number } = formatters(labels);
  const { ticks } = layout.axis;
  const last = ticks.length - 1;
  const tickMarks = ticks.map((tick, index) => {
    // The outermost labels align inwards so they stay inside the figure.
    const anchor = index === 0 ? 'start' : index === last ? 'end' : 'middle';
    // On a phone every other label hides (CSS): the ends always show, and the one beside the last never does.
    const minor = index !== 0 && index !== last && (index % 2 === 1 || index === last - 1) ? ' tl-tick-minor' : '';
    return (
      svgText(pct(tick.x), 30, number(tick.ms), ` class="tl-muted${minor}" text-anchor="${anchor}"`) +
      `<line class="tl-grid" x1="${pct(tick.x)}" x2="${pct(tick.x)}" y1="${AXIS_BLOCK - 6}" y2="${px(layout.height)}"/>`
    );
  });
  return svgText('0', 12, labels.text.axis, ' class="tl-muted"') + tickMarks.join('');
}

function barTitle(bar: RequestBar, labels: TimelineLabels): string {
  const { ms } = formatters(labels);
  const outcome = bar.error ?? (bar.status === null ? '' : String(bar.status));
  return `${bar.method} ${bar.path} · ${ms(bar.latencyMs)} · ${outcome}`;
}

function renderRequestBar(bar: RequestBar, labels: TimelineLabels): string {
  const y = px(bar.y);
  const phases = bar.phases
    .map((part) => `<rect class="tl-${part.phase}" x="${pct(part.x)}" y="${y}" width="${pct(part.width)}" height="${REQUEST_BAR}"/>`)
    .join('');
  const bad =
    bar.outcome === 'ok'
      ? ''
      : `<rect class="tl-bad" x="${pct(bar.x)}" y="${y}" width="${pct(bar.width)}" height="${REQUEST_BAR}"/>` +
        svgText(pct(bar.x + bar.width), bar.y + REQUEST_BAR, '✕', ` class="tl-cross" dx="${bar.x + bar.width > 0.97 ? -10 : 2}"`);
  return `<g><title>${escapeMarkup(barTitle(bar, labels))}</title>${phases}${bad}</g>`;
}

function renderGroup(group: RequestGroup, labels: TimelineLabels): string {
  const { ms, number } = formatters(labels);
  const { summary } = group;
  const label = fill(labels.text.routeSummary, {
    request: routeKey(summary.method, summary.path),
    count: number(summary.count),
    median: ms(summary.medianMs),
    max: ms(summary.maxMs),
  });
  return svgText('0', group.labelY + 12, label) + group.bars.map((bar) => renderRequestBar(bar, labels)).join('');
}

function renderSpan(span: SpanBar, labels: TimelineLabels): string {
  const { ms } = formatters(labels);
  const name = `${span.name}${span.detail !== undefined ? ` (${span.detail})` : ''} · ${ms(span.durationMs)}`;
  const labelX = span.labelAnchor === 'start' ? span.x : span.x + span.width;
  return (
    svgText(pct(labelX), span.labelY + 12, name, span.labelAnchor === 'end' ? ' text-anchor="end"' : '') +
    `<rect class="tl-span" x="${pct(span.x)}" y="${px(span.y)}" width="${pct(span.width)}" height="${SPAN_BAR}" rx="1.5"/>`
  );
}

function renderDelayStrip(strip: DelayStrip, labels: TimelineLabels): string {
  const { ms } = formatters(labels);
  const heading = fill(labels.text.delayHeading, { max: ms(strip.longestMs) });
  const baseline = strip.y + DELAY_STRIP;
  const cells = strip.cells
    .map(
      (cell) =>
        `<rect class="tl-delay${cell.stalled ? ' tl-stalled' : ''}" x="${pct(cell.x)}" y="${px(baseline - cell.height)}" width="${pct(cell.width)}" height="${px(cell.height)}"/>`,
    )
    .join('');
  return (
    svgText('0', strip.labelY + 12, strip.part === undefined ? heading : `${heading} · ${strip.part}`, ' class="tl-muted"') +
    cells +
    `<line class="tl-delay-base" x1="0" x2="100%" y1="${px(baseline)}" y2="${px(baseline)}"/>`
  );
}

function renderLogMark(mark: LogMark): string {
  const cx = pct(mark.x);
  // Marks at the right edge shift inwards so the circle stays inside the figure.
  const dx = mark.x > 0.98 ? ' transform="translate(-8 0)"' : mark.x < 0.02 ? ' transform="translate(8 0)"' : '';
  return (
    `<g${dx}><title>${escapeMarkup(`${mark.index}. ${mark.text}`)}</title>` +
    `<circle class="tl-log" cx="${cx}" cy="${px(mark.y + 9)}" r="8"/>` +
    svgText(cx, mark.y + 12.5, String(mark.index), ' class="tl-log-number" text-anchor="middle"') +
    '</g>'
  );
}

function renderLane(lane: TimelineLane, labels: TimelineLabels): string {
  const unsupported =
    lane.delayUnsupportedY === null ? '' : svgText('0', lane.delayUnsupportedY + 12, labels.text.delayUnsupported, ' class="tl-muted"');
  return (
    `<g class="tl-lane" data-process="${escapeMarkup(lane.process.id)}">` +
    `<line class="tl-rule" x1="0" x2="100%" y1="${px(lane.y - LANE_GAP / 2)}" y2="${px(lane.y - LANE_GAP / 2)}"/>` +
    svgText('0', lane.y + 15, lane.process.label, ' class="tl-lane-title"') +
    lane.groups.map((group) => renderGroup(group, labels)).join('') +
    lane.spans.map((span) => renderSpan(span, labels)).join('') +
    lane.delays.map((strip) => renderDelayStrip(strip, labels)).join('') +
    unsupported +
    lane.logs.map(renderLogMark).join('') +
    '</g>'
  );
}

/** The figure as SVG markup: an image with a title and a description that says in words what it shows. */
export function renderTimelineSvg(layout: TimelineLayout, labels: TimelineLabels): string {
  const body = layout.empty
    ? svgText('0', 20, labels.text.empty, ' class="tl-muted"')
    : renderAxis(layout, labels) + layout.lanes.map((lane) => renderLane(lane, labels)).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="tl" role="img" width="100%" height="${px(layout.empty ? 32 : layout.height)}">` +
    `<title>${escapeMarkup(labels.text.title)}</title>` +
    `<desc>${escapeMarkup(describeLayout(layout, labels))}</desc>` +
    `<style>${SVG_STYLE}</style>` +
    body +
    '</svg>'
  );
}

// ---------------------------------------------------------------------------------------------------------------
// HTML: the table and the log list.

function outcomeCell(row: RequestRow, labels: TimelineLabels): string {
  const outcome = row.error !== undefined ? `✕ ${row.error}` : row.status === null ? '✕' : String(row.status);
  const marked = row.error === undefined && row.status !== null && row.status >= 400 ? `✕ ${outcome}` : outcome;
  return row.servedBy === undefined ? marked : fill(labels.text.servedBy, { status: marked, servedBy: row.servedBy });
}

/** The timeline's text alternative for requests: one row per request, the caption summarising each route. */
export function renderRequestTable(rows: readonly RequestRow[], labels: TimelineLabels): string {
  const { ms } = formatters(labels);
  const { text } = labels;
  const caption = [text.tableCaption, ...routeSentences(summariseRows(rows), labels)].join(' ');
  const head = [text.colServer, text.colRequest, text.colOffset, text.colWaited, text.colLatency, text.colOutcome]
    .map((column) => `<th scope="col">${escapeMarkup(column)}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        '<tr>' +
        `<th scope="row">${escapeMarkup(row.process.label)}</th>` +
        `<td><code>${escapeMarkup(routeKey(row.method, row.path))}</code></td>` +
        `<td class="num">${escapeMarkup(ms(row.offsetMs))}</td>` +
        `<td class="num">${escapeMarkup(ms(row.waitedMs))}</td>` +
        `<td class="num">${escapeMarkup(ms(row.latencyMs))}</td>` +
        `<td>${escapeMarkup(outcomeCell(row, labels))}</td>` +
        '</tr>',
    )
    .join('');
  return `<table class="timeline-table"><caption>${escapeMarkup(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The text alternative for scripts, whose result is their timed steps rather than requests; empty without any. */
export function renderSpanTable(layout: TimelineLayout, labels: TimelineLabels): string {
  if (layout.lanes.every((lane) => lane.spans.length === 0)) return '';
  const { ms } = formatters(labels);
  const { text } = labels;
  const head = [text.colProcess, text.colSpan, text.colStart, text.colDuration]
    .map((column) => `<th scope="col">${escapeMarkup(column)}</th>`)
    .join('');
  const body = layout.lanes
    .flatMap((lane) =>
      lane.spans.map(
        (span) =>
          '<tr>' +
          `<th scope="row">${escapeMarkup(lane.process.label)}</th>` +
          `<td>${escapeMarkup(span.detail === undefined ? span.name : `${span.name} (${span.detail})`)}</td>` +
          `<td class="num">${escapeMarkup(ms(span.startMs))}</td>` +
          `<td class="num">${escapeMarkup(ms(span.durationMs))}</td>` +
          '</tr>',
      ),
    )
    .join('');
  return `<table class="timeline-table"><caption>${escapeMarkup(text.spanTableCaption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The processes' log lines in time order, numbered as their marks in the figure; empty when there are none. */
export function renderTimelineLogs(layout: TimelineLayout, labels: TimelineLabels): string {
  if (layout.logs.length === 0) return '';
  const { ms } = formatters(labels);
  const items = layout.logs
    .map(
      (mark) =>
        `<li value="${mark.index}"><span class="timeline-log-meta">${escapeMarkup(`${ms(mark.ms)} · ${mark.process}`)}</span> ${escapeMarkup(mark.text)}</li>`,
    )
    .join('');
  return `<ol class="timeline-logs" aria-label="${escapeMarkup(labels.text.logsLabel)}">${items}</ol>`;
}

export interface TimelineParts {
  legend: string;
  svg: string;
  logs: string;
  /** '' while there is nothing to tabulate. */
  table: string;
  tableKind: 'requests' | 'spans';
  tableLabel: string;
}

/**
 * Every part of the figure, from events: what Timeline.astro renders at build time and what the playground
 * island re-renders as a live run arrives, so the two cannot disagree.
 */
export function renderTimelineParts(
  events: readonly TraceEvent[],
  processes: ReadonlyArray<TimelineProcess>,
  labels: TimelineLabels,
  options: TimelineOptions = {},
): TimelineParts {
  const layout = layoutTimeline(events, processes, options);
  const rows = requestRows(events, processes);
  // A playground with servers is read request by request; one with scripts only, step by step.
  const firesRequests = rows.length > 0 || processes.some((process) => process.role === 'server');
  return {
    legend: renderTimelineLegend(layout, labels),
    svg: renderTimelineSvg(layout, labels),
    logs: renderTimelineLogs(layout, labels),
    table: firesRequests ? renderRequestTable(rows, labels) : renderSpanTable(layout, labels),
    tableKind: firesRequests ? 'requests' : 'spans',
    tableLabel: firesRequests ? labels.text.detailsRequests : labels.text.detailsSpans,
  };
}
