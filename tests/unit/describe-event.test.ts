import { describe, expect, it } from 'vitest';
import { describeEventIn, describeNoticeIn } from '../../src/client/describe-event.ts';
import { describeEvent, type TraceEvent } from '../../src/playground/events.ts';
import type { ProcessNotice, RuntimeKind } from '../../src/playground/runtime/types.ts';

const base = { v: 1, t: 1_700_000_000_000.5, proc: 'blocking' } as const;
const request = {
  ...base,
  proc: 'load',
  type: 'request',
  target: 'blocking',
  id: 3,
  method: 'GET',
  path: '/health',
  offsetMs: 100,
  scheduled: 1000,
  start: 1000.2,
  firstByte: 1002,
  end: 1003.4,
  status: 200,
} as const satisfies TraceEvent;

/** Every event type, and each way a type can read differently; the expected Japanese line for each. */
const cases: [string, TraceEvent, string][] = [
  ['ready', { ...base, type: 'ready', port: 3301, pid: 42 }, 'http://127.0.0.1:3301 で待ち受けを開始'],
  [
    'ready, naming its Node',
    { ...base, type: 'ready', port: 3301, pid: 42, node: 'v24.21.0' },
    'http://127.0.0.1:3301 で待ち受けを開始（Node v24.21.0）',
  ],
  [
    'ready, in WebContainer',
    { ...base, type: 'ready', port: 3301, pid: 42, node: 'v22.22.0', webcontainer: '1.2.3' },
    'http://127.0.0.1:3301 で待ち受けを開始（Node v22.22.0、WebContainer 1.2.3）',
  ],
  [
    'ready, naming only its WebContainer',
    { ...base, type: 'ready', port: 3301, pid: 42, webcontainer: '1.2.3' },
    'http://127.0.0.1:3301 で待ち受けを開始（WebContainer 1.2.3）',
  ],
  [
    'mechanism',
    { ...base, type: 'mechanism', feature: 'sync-sleep', chosen: 'atomics-wait' },
    'sync-sleep：atomics-wait を使います',
  ],
  [
    'mechanism, with why',
    { ...base, type: 'mechanism', feature: 'sync-request', chosen: 'shared-buffer', detail: 'worker_threads has no receiveMessageOnPort' },
    'sync-request：shared-buffer を使います（worker_threads has no receiveMessageOnPort）',
  ],
  [
    'loop-delay, stuck',
    { ...base, type: 'loop-delay', start: 0, end: 1200, maxMs: 1105.6, meanMs: 300 },
    'イベントループが最大 1106 ms 止まりました',
  ],
  [
    'loop-delay, exactly at the threshold',
    { ...base, type: 'loop-delay', start: 0, end: 100, maxMs: 50, meanMs: 20, cpuMs: 90 },
    'イベントループが最大 50 ms 止まりました',
  ],
  [
    'unsupported',
    { ...base, type: 'unsupported', feature: 'monitorEventLoopDelay', detail: 'perf_hooks is missing' },
    'monitorEventLoopDelay はここでは使えません（perf_hooks is missing）',
  ],
  ['request', request, 'blocking GET /health @100 ms：200（3 ms）'],
  [
    'request, served by a worker',
    { ...request, servedBy: 'worker 2' },
    'blocking GET /health @100 ms：200（3 ms、worker 2 が応答）',
  ],
  [
    'request, failed',
    { ...request, firstByte: null, status: null, error: 'ECONNRESET', end: 1250.6 },
    'blocking GET /health @100 ms：ECONNRESET（250 ms）',
  ],
  [
    'request, no status and no error',
    { ...request, status: null },
    'blocking GET /health @100 ms：null（3 ms）',
  ],
  ['span', { ...base, type: 'span', name: 'fib(35)', start: 10, end: 22.4 }, 'fib(35)：12 ms'],
  [
    'span with a detail',
    { ...base, type: 'span', name: 'slow call', start: 10, end: 1010.5, detail: 'timed out' },
    'slow call：1001 ms（timed out）',
  ],
  ['log', { ...base, type: 'log', text: 'after await: 2' }, 'after await: 2'],
  ['done', { ...base, proc: 'load', type: 'done', requests: 27 }, 'リクエスト 27 件が完了'],
];

const english = describeEventIn('en');
const japanese = describeEventIn('ja');

describe('describeEventIn', () => {
  it.each(cases)('%s: English is exactly what describeEvent says', (_name, event) => {
    expect(english(event)).toBe(describeEvent(event));
  });

  it.each(cases)('%s: Japanese', (_name, event, expected) => {
    expect(japanese(event)).toBe(expected);
  });

  it.each(cases)('%s: fills every placeholder in both languages', (_name, event) => {
    for (const line of [english(event), japanese(event)]) {
      expect(line).not.toBeNull();
      expect(line).not.toMatch(/[{}]/);
    }
  });

  it('gives no line for a loop-delay window in which the loop kept up, in either language', () => {
    const window = { ...base, type: 'loop-delay', start: 0, end: 100, meanMs: 1 } as const;
    for (const maxMs of [0, 12, 49.9]) {
      expect(describeEvent({ ...window, maxMs })).toBeNull();
      expect(english({ ...window, maxMs })).toBeNull();
      expect(japanese({ ...window, maxMs })).toBeNull();
    }
  });

  it('shows a log line exactly as the program printed it, braces and all', () => {
    const text = '  {"not": "an event"} {name} ミリ秒  ';
    const event: TraceEvent = { ...base, type: 'log', text };
    expect(english(event)).toBe(text);
    expect(japanese(event)).toBe(text);
  });

  it('does not read placeholders inside the values it fills in', () => {
    const event: TraceEvent = { ...base, type: 'unsupported', feature: '{detail}', detail: '{feature}' };
    expect(english(event)).toBe('{detail} is not supported here ({feature})');
    expect(japanese(event)).toBe('{detail} はここでは使えません（{feature}）');
  });
});

describe('describeNoticeIn', () => {
  // A runtime sends codes and values; each language words them, with every value filled in, after who says it.
  const notices: [ProcessNotice, RuntimeKind, string, string][] = [
    [{ code: 'time-limit', values: { seconds: 120 } }, 'local', '[local runner] stopped this process: it ran longer than the 120 s limit', '[ローカルランナー] このプロセスを停止しました：制限時間の 120 秒を超えました'],
    [{ code: 'time-limit', values: { seconds: 120 } }, 'webcontainer', '[in-browser Node] stopped this process', '[ブラウザー内の Node] このプロセスを停止しました'],
    [{ code: 'output-limit', values: { bytes: 1048576 } }, 'local', 'output limit of 1048576 bytes', '上限の 1048576 バイトに達した'],
    [{ code: 'start-failed', values: { detail: 'spawn ENOENT' } }, 'local', 'could not start this process: spawn ENOENT', '起動できませんでした：spawn ENOENT'],
    [{ code: 'restarted', values: { seconds: 3 } }, 'webcontainer', '[in-browser Node] this process did not stop within 3 s of being asked', '[ブラウザー内の Node] 停止を求めてから 3 秒以内に止まらなかった'],
  ];

  it.each(notices)('%o from %s in English and Japanese', (notice, runtime, en, ja) => {
    expect(describeNoticeIn('en')(notice, runtime)).toContain(en);
    expect(describeNoticeIn('ja')(notice, runtime)).toContain(ja);
    for (const line of [describeNoticeIn('en')(notice, runtime), describeNoticeIn('ja')(notice, runtime)]) expect(line).not.toMatch(/[{}]/);
  });
});
