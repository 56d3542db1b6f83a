import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/playground/events.ts';
import {
  layoutTimeline,
  renderRequestTable,
  renderSpanTable,
  renderTimelineLegend,
  renderTimelineLogs,
  renderTimelineSvg,
  requestRows,
  summariseRun,
  timelineLabels,
  timelineProcesses,
  timelineTextKeys,
  type TimelineProcess,
} from '../../src/playground/timeline.ts';
import { locales, ui } from '../../src/i18n/ui.ts';

// A blocking-vs-async run as the load client and the servers print it: the same scenario fired at both, /slow at
// 0 ms and /health every 100 ms from 100 ms. The blocking server answers nothing until its 1 s call ends.
const T0 = 1_700_000_000_000;
const at = (ms: number) => T0 + ms;
const base = (proc: string, t: number) => ({ v: 1 as const, t: at(t), proc });

function request(target: string, id: number, path: string, offsetMs: number, latencyMs: number, extra: Partial<TraceEvent> = {}): TraceEvent {
  const start = at(offsetMs);
  return {
    ...base('load', offsetMs + latencyMs),
    type: 'request',
    target,
    id,
    method: 'GET',
    path,
    offsetMs,
    scheduled: start,
    start,
    firstByte: start + latencyMs - 0.5,
    end: start + latencyMs,
    status: 200,
    servedBy: target,
    ...extra,
  } as TraceEvent;
}

function loopDelay(proc: string, startMs: number, endMs: number, maxMs: number): TraceEvent {
  return { ...base(proc, endMs), type: 'loop-delay', start: at(startMs), end: at(endMs), maxMs, meanMs: maxMs / 2 };
}

const processes: TimelineProcess[] = [
  { id: 'slow-api', label: 'Slow API', role: 'upstream' },
  { id: 'blocking', label: 'Blocking', role: 'server' },
  { id: 'async', label: 'Async', role: 'server' },
];

function blockingVsAsync(): TraceEvent[] {
  const events: TraceEvent[] = [
    { ...base('blocking', -900), type: 'ready', port: 3001, pid: 1 },
    // Idle windows long before the first request: they must not stretch the axis.
    loopDelay('blocking', -900, -800, 11),
    loopDelay('blocking', -100, 0, 12),
    loopDelay('blocking', 0, 1100, 1100),
    loopDelay('blocking', 1100, 1200, 10),
    loopDelay('async', 0, 100, 12),
    loopDelay('async', 100, 200, 11),
    { ...base('blocking', 1100), type: 'span', name: 'slow call (blocking)', start: at(5), end: at(1100) },
    request('blocking', 0, '/slow', 0, 1102),
    request('async', 0, '/slow', 0, 1010),
  ];
  for (let id = 1; id <= 8; id++) {
    const offset = id * 100;
    events.push(request('blocking', id, '/health', offset, 1103 - offset));
    events.push(request('async', id, '/health', offset, 2 + (id % 3)));
  }
  events.push({ ...base('load', 1110), type: 'done', requests: 18 });
  return events;
}

const en = timelineLabels('en');
const ja = timelineLabels('ja');

/** A tiny well-formedness check: every element opened is closed in order, attributes are quoted, no stray `<`. */
function expectWellFormed(markup: string): void {
  const stack: string[] = [];
  const tags = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let consumed = 0;
  let match: RegExpExecArray | null;
  while ((match = tags.exec(markup))) {
    expect(markup.slice(consumed, match.index)).not.toMatch(/[<>]/);
    consumed = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name ?? '');
  }
  expect(markup.slice(consumed)).not.toMatch(/[<>]/);
  expect(stack).toEqual([]);
}

describe('layoutTimeline: the axis', () => {
  it('runs from the earliest request to the latest, rounded up to a nice tick', () => {
    const layout = layoutTimeline(blockingVsAsync(), processes);
    expect(layout.axis.t0).toBe(at(0));
    const latest = 1103;
    const step = (layout.axis.ticks[1]?.ms ?? 0) - (layout.axis.ticks[0]?.ms ?? 0);
    expect([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]).toContain(step);
    expect(layout.axis.endMs).toBeGreaterThanOrEqual(latest);
    expect(layout.axis.endMs).toBeLessThan(latest + step);
    expect(layout.axis.ticks[0]).toEqual({ ms: 0, x: 0 });
    expect(layout.axis.ticks.at(-1)).toEqual({ ms: layout.axis.endMs, x: 1 });
  });

  it('fits more ticks into a wider figure', () => {
    const narrow = layoutTimeline(blockingVsAsync(), processes, { width: 320 });
    const wide = layoutTimeline(blockingVsAsync(), processes, { width: 900 });
    expect(wide.axis.ticks.length).toBeGreaterThan(narrow.axis.ticks.length);
  });

  it('spans the loop-delay windows when nothing else has arrived yet', () => {
    const layout = layoutTimeline([loopDelay('async', 0, 100, 12), loopDelay('async', 100, 200, 11)], processes);
    expect(layout.empty).toBe(false);
    expect(layout.axis.t0).toBe(at(0));
    expect(layout.axis.endMs).toBe(200);
  });
});

describe('layoutTimeline: lanes and bars', () => {
  const layout = layoutTimeline(blockingVsAsync(), processes);
  const lane = (id: string) => layout.lanes.find((candidate) => candidate.process.id === id);

  it('puts the fired-at servers first and upstreams last, stacked top to bottom', () => {
    expect(layout.lanes.map((candidate) => candidate.process.id)).toEqual(['blocking', 'async', 'slow-api']);
    const [first, second] = layout.lanes;
    expect(second!.y).toBeGreaterThanOrEqual(first!.y + first!.height);
  });

  it('groups requests by route in planned order, bars in scheduled order', () => {
    const groups = lane('blocking')!.groups;
    expect(groups.map((group) => group.summary.path)).toEqual(['/slow', '/health']);
    const health = groups[1]!.bars;
    expect(health.map((bar) => bar.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const xs = health.map((bar) => bar.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('stacks overlapping requests into rows and keeps sequential ones on one row', () => {
    const blockingHealth = lane('blocking')!.groups[1]!;
    expect(blockingHealth.bars.map((bar) => bar.row)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(blockingHealth.rows).toBe(8);
    const asyncHealth = lane('async')!.groups[1]!;
    expect(asyncHealth.bars.every((bar) => bar.row === 0)).toBe(true);
    expect(asyncHealth.rows).toBe(1);
    // Rows go downwards.
    const ys = blockingHealth.bars.map((bar) => bar.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
  });

  it('makes waiting bars on the blocking server far longer than on the async one', () => {
    const width = (id: string) => lane(id)!.groups[1]!.bars[0]!.width;
    expect(width('blocking') / width('async')).toBeGreaterThan(50);
  });

  it('splits a request into queued, waiting and receiving, in that order along the axis', () => {
    const late = request('async', 1, '/health', 100, 300, { start: at(150), firstByte: at(350), end: at(400) });
    const [bar] = layoutTimeline([late], processes).lanes.flatMap((candidate) => candidate.groups.flatMap((group) => group.bars));
    expect(bar!.phases.map((part) => part.phase)).toEqual(['queued', 'waiting', 'receiving']);
    const [queued, waiting, receiving] = bar!.phases;
    expect(queued!.x).toBe(0);
    expect(waiting!.x).toBeCloseTo(queued!.x + queued!.width);
    expect(receiving!.x).toBeCloseTo(waiting!.x + waiting!.width);
    expect(receiving!.x + receiving!.width).toBeCloseTo(1);
    expect(bar!.outcome).toBe('ok');
  });

  it('marks failed requests and error statuses', () => {
    const events = [
      request('async', 1, '/health', 0, 5, { status: null, firstByte: null, error: 'ECONNRESET' }),
      request('async', 2, '/health', 10, 5, { status: 503 }),
    ];
    const bars = layoutTimeline(events, processes).lanes.flatMap((candidate) => candidate.groups.flatMap((group) => group.bars));
    expect(bars.map((bar) => bar.outcome)).toEqual(['failed', 'http-error']);
    const svg = renderTimelineSvg(layoutTimeline(events, processes), en);
    expect(svg.match(/class="tl-bad"/g)).toHaveLength(2);
    expect(svg.match(/✕/g)).toHaveLength(2);
    expect(layoutTimeline(events, processes).legend).toContain('failed');
  });

  it('draws loop-delay windows as cells, clipped to the axis, taller for longer stalls', () => {
    const strips = lane('blocking')!.delays;
    expect(strips).toHaveLength(1);
    const cells = strips[0]!.cells;
    // The idle windows before the first request lie outside the axis and are left out.
    expect(cells.map((cell) => Math.round(cell.delayMs))).toEqual([1100, 10]);
    expect(cells[0]!.stalled).toBe(true);
    expect(cells[1]!.stalled).toBe(false);
    expect(cells[0]!.height).toBeGreaterThan(cells[1]!.height);
    expect(strips[0]!.longestMs).toBe(1100);
  });

  it('counts a window the loop was blocked through (no samples, ends late) as a stall', () => {
    const windows = [loopDelay('blocking', 0, 100, 11), loopDelay('blocking', 100, 900, 0), loopDelay('blocking', 900, 1000, 10)];
    const [strip] = layoutTimeline(windows, processes).lanes[0]!.delays;
    expect(strip!.cells.map((cell) => Math.round(cell.delayMs))).toEqual([11, 700, 10]);
  });

  it('says so when the runtime cannot measure the loop', () => {
    const events: TraceEvent[] = [
      { ...base('async', 0), type: 'unsupported', feature: 'perf_hooks.monitorEventLoopDelay', detail: 'no samples' },
      request('async', 1, '/health', 0, 5),
    ];
    const layout = layoutTimeline(events, processes);
    expect(layout.lanes.find((candidate) => candidate.process.id === 'async')!.delayUnsupportedY).not.toBeNull();
    expect(renderTimelineSvg(layout, en)).toContain(en.text.delayUnsupported);
  });
});

describe('layoutTimeline: scripts', () => {
  const script: TimelineProcess[] = [{ id: 'main', label: 'Client', role: 'script' }];
  const span = (name: string, start: number, end: number): TraceEvent => ({ ...base('main', end), type: 'span', name, start: at(start), end: at(end) });
  const log = (text: string, t: number): TraceEvent => ({ ...base('main', t), type: 'log', text });
  const events = [
    span('sequential: forecast', 0, 300),
    span('sequential: rate', 300, 500),
    span('sequential', 0, 500),
    span('together', 500, 800),
    log('second line', 810),
    log('first line', 805),
  ];

  it('gives each span its own row, in start order, labels kept inside the figure', () => {
    const [lane] = layoutTimeline(events, script).lanes;
    expect(lane!.spans.map((bar) => bar.name)).toEqual(['sequential: forecast', 'sequential', 'sequential: rate', 'together']);
    const ys = lane!.spans.map((bar) => bar.y);
    expect(new Set(ys).size).toBe(4);
    expect(lane!.spans[0]!.labelAnchor).toBe('start');
    expect(lane!.spans[3]!.labelAnchor).toBe('end');
  });

  it('numbers log lines in time order and lists them under the figure', () => {
    const layout = layoutTimeline(events, script);
    expect(layout.logs.map((mark) => [mark.index, mark.text])).toEqual([
      [1, 'first line'],
      [2, 'second line'],
    ]);
    const list = renderTimelineLogs(layout, en);
    expect(list.indexOf('first line')).toBeLessThan(list.indexOf('second line'));
    expectWellFormed(list);
  });

  it('stacks log marks printed close together instead of drawing them over each other', () => {
    const burst = [log('a', 0), log('b', 1), log('c', 2), log('d', 500)];
    const [lane] = layoutTimeline(burst, script).lanes;
    const ys = lane!.logs.map((mark) => mark.y);
    expect(new Set(ys.slice(0, 3)).size).toBe(3);
    expect(ys[3]).toBe(ys[0]);
  });

  it('has no step table when the script only prints', () => {
    const layout = layoutTimeline([log('only a line', 0)], script);
    expect(renderSpanTable(layout, en)).toBe('');
    expect(layout.legend).toEqual(['log']);
  });

  it('describes the spans in words and tabulates them', () => {
    const layout = layoutTimeline(events, script);
    const svg = renderTimelineSvg(layout, en);
    expect(svg).toMatch(/<desc>Client: sequential: forecast 300 ms, sequential 500 ms, .*together 300 ms\.<\/desc>/);
    const table = renderSpanTable(layout, en);
    expect(table.match(/<tr>/g)).toHaveLength(5);
    expectWellFormed(table);
  });
});

describe('summaries', () => {
  it('gives per server and route the count, median and max latency (end − start)', () => {
    const summary = summariseRun(blockingVsAsync(), processes);
    expect(summary.map((entry) => entry.process.id)).toEqual(['blocking', 'async']);
    const blocking = summary[0]!.routes;
    expect(blocking.map((route) => route.path)).toEqual(['/slow', '/health']);
    // Latencies 1003, 903, …, 303: eight values, so the median is the mean of the middle two.
    expect(blocking[1]).toMatchObject({ count: 8, medianMs: (603 + 703) / 2, maxMs: 1003 });
    expect(blocking[0]).toMatchObject({ count: 1, medianMs: 1102, maxMs: 1102 });
    // 2 + id % 3 for ids 1..8: 3,4,2,3,4,2,3,4 -> sorted 2,2,3,3,3,4,4,4.
    expect(summary[1]!.routes[1]).toMatchObject({ count: 8, medianMs: 3, maxMs: 4 });
  });

  it('puts the comparison in the figure description, in both languages', () => {
    const layout = layoutTimeline(blockingVsAsync(), processes);
    expect(renderTimelineSvg(layout, en)).toContain('Median latency of GET /health: Blocking 653 ms, Async 3 ms.');
    expect(renderTimelineSvg(layout, en)).toContain('Longest event loop delay: Blocking 1,100 ms, Async 12 ms.');
    expect(renderTimelineSvg(layout, ja)).toContain('GET /health の応答時間の中央値は、Blocking 653 ms、Async 3 ms です。');
  });

  it('gives one table row per request: waited never negative, latency end − start', () => {
    const events = [...blockingVsAsync(), request('async', 9, '/late', 900, 10, { scheduled: at(905) })];
    const rows = requestRows(events, processes);
    expect(rows).toHaveLength(19);
    expect(rows.map((row) => row.process.id).indexOf('async')).toBe(9);
    const late = rows.find((row) => row.path === '/late')!;
    expect(late.waitedMs).toBe(0);
    expect(late.latencyMs).toBe(10);
  });

  it('renders the table with a caption summarising each route and scoped headers', () => {
    const table = renderRequestTable(requestRows(blockingVsAsync(), processes), en);
    expectWellFormed(table);
    expect(table).toMatch(/<caption>Every request of the run, by server\. Median latency of GET \/slow: .*GET \/health: Blocking 653 ms, Async 3 ms\.<\/caption>/);
    expect(table.match(/<th scope="col">/g)).toHaveLength(6);
    expect(table.match(/<th scope="row">/g)).toHaveLength(18);
    expect(table).toContain('1,003 ms');
  });
});

describe('rendering', () => {
  it('escapes every text that comes from code: paths, span names, log lines, labels', () => {
    const hostile: TraceEvent[] = [
      request('async', 1, '/<script>alert(1)</script>', 0, 5, { servedBy: '"><img src=x onerror=alert(1)>' }),
      { ...base('async', 6), type: 'span', name: '<b>span</b>', start: at(0), end: at(6) },
      { ...base('async', 7), type: 'log', text: '<img src=x onerror=alert(1)>' },
    ];
    const withHostileLabel: TimelineProcess[] = [{ id: 'async', label: 'A & <B>', role: 'server' }];
    const layout = layoutTimeline(hostile, withHostileLabel);
    const outputs = [
      renderTimelineSvg(layout, en),
      renderRequestTable(requestRows(hostile, withHostileLabel), en),
      renderTimelineLogs(layout, en),
      renderSpanTable(layout, en),
    ];
    for (const markup of outputs) {
      expect(markup).not.toMatch(/<script|<img|<b>|<B>/);
      expectWellFormed(markup);
    }
    expect(outputs[0]).toContain('/&#60;script&#62;');
    expect(outputs[1]).toContain('A &#38; &#60;B&#62;');
  });

  it('renders well-formed SVG with a title, a description and an image role', () => {
    const svg = renderTimelineSvg(layoutTimeline(blockingVsAsync(), processes), en);
    expectWellFormed(svg);
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*><title>Timeline of the run<\/title><desc>[^<]+<\/desc>/);
    // Colours come from the theme's variables, never fixed in the marks.
    expect(svg).not.toMatch(/ fill="#/);
    expect(svg).toContain('var(--sl-color-accent');
    // Horizontal positions are percentages, so the text keeps its size at any width.
    expect(svg).toMatch(/<rect class="tl-waiting" x="[\d.]+%"/);
  });

  it('lays out and renders every prefix of a run, as a live run arrives', () => {
    const events = blockingVsAsync().sort((a, b) => a.t - b.t);
    for (let count = 0; count <= events.length; count++) {
      const prefix = events.slice(0, count);
      const layout = layoutTimeline(prefix, processes);
      const svg = renderTimelineSvg(layout, en);
      expectWellFormed(svg);
      expectWellFormed(renderRequestTable(requestRows(prefix, processes), en));
      expectWellFormed(renderTimelineLegend(layout, en) || '<ul></ul>');
    }
  });

  it('draws an empty but valid figure when there are no events', () => {
    const layout = layoutTimeline([], processes);
    expect(layout.empty).toBe(true);
    expect(layout.lanes.every((lane) => lane.groups.length === 0 && lane.spans.length === 0)).toBe(true);
    const svg = renderTimelineSvg(layout, en);
    expectWellFormed(svg);
    expect(svg).toContain(`<desc>${en.text.empty}</desc>`);
    expect(renderTimelineLegend(layout, en)).toBe('');
    expect(renderTimelineLogs(layout, en)).toBe('');
    expectWellFormed(renderRequestTable([], en));
  });

  it('only shows legend entries for marks the run has', () => {
    const legend = renderTimelineLegend(layoutTimeline(blockingVsAsync(), processes), en);
    expectWellFormed(legend);
    expect(legend).toContain(en.text.legendWaiting);
    expect(legend).toContain(en.text.legendDelay);
    expect(legend).not.toContain(en.text.legendFailed);
    expect(legend).toContain('aria-hidden="true"');
  });
});

describe('timelineProcesses', () => {
  it('takes labels in the page language and resolves roles as the launcher does', () => {
    const manifest = [
      { id: 'api', label: { en: 'Slow API', ja: '遅い API' }, command: ['node', 'api.ts'], port: 3100, role: 'upstream' as const },
      { id: 'server', label: { en: 'Server', ja: 'サーバー' }, command: ['node', 'server.ts'], port: 3001 },
      { id: 'main', label: { en: 'Client', ja: 'クライアント' }, command: ['node', 'main.ts'] },
    ];
    expect(timelineProcesses(manifest, 'ja')).toEqual([
      { id: 'api', label: '遅い API', role: 'upstream' },
      { id: 'server', label: 'サーバー', role: 'server' },
      { id: 'main', label: 'クライアント', role: 'script' },
    ]);
  });
});

describe('labels', () => {
  it.each(locales)('has every timeline string in %s', (locale) => {
    const labels = timelineLabels(locale);
    for (const key of timelineTextKeys) expect(labels.text[key].trim()).not.toBe('');
  });

  it('keeps the timeline keys in one block of ui.ts', () => {
    const keys = Object.keys(ui);
    const indexes = keys.flatMap((key, index) => (key.startsWith('timeline.') ? [index] : []));
    expect(indexes).toHaveLength(timelineTextKeys.length);
    expect(indexes.at(-1)! - indexes[0]!).toBe(indexes.length - 1);
  });

  it('writes Japanese with the site dictionary terms', () => {
    const text = Object.values(timelineLabels('ja').text).join('\n');
    expect(text).toContain('イベントループ遅延');
    expect(text).not.toMatch(/サーバ(?!ー)/);
    expect(text).toContain('です。');
  });
});
