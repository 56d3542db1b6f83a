// Every figure says where its numbers came from: the recording, the reader's browser (WebContainer) or the local
// runner, with the Node that ran it and how the synchronous calls were made, in both languages. The captions are
// spelled out in full, so a caption that drops a part, names the wrong Node or mixes the languages fails.
import { describe, expect, it } from 'vitest';
import { findStyleProblems } from '../../scripts/japanese-style.ts';
import type { TraceEvent } from '../../src/playground/events.ts';
import {
  liveCaption,
  mechanismSentences,
  provenanceOf,
  referenceCaption,
  type MechanismChoice,
  type MechanismFeature,
  type NamedProcess,
  type RecordedRun,
} from '../../src/playground/provenance.ts';

const T0 = 1_795_355_584_796;
const base = (proc: string, t: number) => ({ v: 1 as const, t: T0 + t, proc });

function ready(proc: string, port: number, versions: { node?: string; webcontainer?: string } = {}): TraceEvent {
  return { ...base(proc, 0), type: 'ready', port, pid: port, ...versions } as TraceEvent;
}

/** A `mechanism` event as the playgrounds print it (playgrounds/_shared/events.ts, MechanismEvent). */
function mechanism(proc: string, feature: MechanismFeature, chosen: MechanismChoice, part?: string): TraceEvent {
  return { ...base(proc, 1), ...(part ? { part } : {}), type: 'mechanism', feature, chosen, detail: 'from the test' } as unknown as TraceEvent;
}

const labels = {
  en: [
    { id: 'slow-api', label: 'Slow API (1 s)' },
    { id: 'blocking', label: '(a) Blocking call' },
    { id: 'offloaded', label: '(b) Worker thread' },
    { id: 'async', label: '(c) Awaited fetch' },
  ],
  ja: [
    { id: 'slow-api', label: '遅い API（1 秒）' },
    { id: 'blocking', label: '(a) ブロッキングな呼び出し' },
    { id: 'offloaded', label: '(b) ワーカースレッド' },
    { id: 'async', label: '(c) fetch を await' },
  ],
} satisfies Record<string, NamedProcess[]>;

/** The centrepiece as WebContainer runs it: (b)'s two pool workers both report, in the order they started. */
const inWebContainer: TraceEvent[] = [
  ready('slow-api', 3100, { node: 'v22.22.0', webcontainer: '1.6.4' }),
  mechanism('offloaded', 'sync-request', 'shared-buffer', 'worker 1'),
  mechanism('blocking', 'sync-request', 'shared-buffer'),
  mechanism('offloaded', 'sync-request', 'shared-buffer', 'worker 2'),
  ready('blocking', 3301, { node: 'v22.22.0', webcontainer: '1.6.4' }),
];

describe('what a run says about its runtime', () => {
  it('takes the Node version and the WebContainer version from the first ready event that has them', () => {
    const events = [ready('slow-api', 3100), ...inWebContainer];
    expect(provenanceOf(events)).toMatchObject({ node: 'v22.22.0', webcontainer: '1.6.4' });
    expect(provenanceOf([ready('a', 1)])).toEqual({ mechanisms: [] });
  });

  it('lists each process, feature and choice once, and ignores mechanisms outside the protocol', () => {
    const odd = { ...base('blocking', 2), type: 'mechanism', feature: 'sync-request', chosen: 'carrier-pigeon' } as unknown as TraceEvent;
    expect(provenanceOf([...inWebContainer, odd]).mechanisms).toEqual([
      { proc: 'offloaded', feature: 'sync-request', chosen: 'shared-buffer', detail: 'from the test' },
      { proc: 'blocking', feature: 'sync-request', chosen: 'shared-buffer', detail: 'from the test' },
    ]);
  });

  it('names the processes in the figure\'s order, in one sentence per way', () => {
    const mixed = provenanceOf([mechanism('offloaded', 'sync-request', 'busy-wait'), ...inWebContainer]).mechanisms;
    expect(mechanismSentences(mixed, labels.en, 'en')).toEqual([
      'The synchronous call in (b) Worker thread: a loop spinning until the answer is in the SharedArrayBuffer (no Atomics.wait either).',
      'The synchronous call in (a) Blocking call and (b) Worker thread: Atomics.wait, then the answer through a SharedArrayBuffer alone (no receiveMessageOnPort).',
    ]);
  });
});

describe('the caption of the reference run (the recording)', () => {
  const recording: RecordedRun = {
    node: 'v24.21.0',
    os: { platform: 'linux' },
    cpus: { count: 2 },
    recordedAt: '2026-11-22T13:53:07.277Z',
    events: [ready('blocking', 3301, { node: 'v24.21.0' })],
  };
  const inRealNode = { ...recording, events: [...recording.events, mechanism('blocking', 'sync-request', 'message-port'), mechanism('offloaded', 'sync-request', 'message-port')] };

  it('names the Node, the OS, the CPUs and the date it was recorded', () => {
    expect(referenceCaption(recording, labels.en, 'en')).toBe('Reference run recorded on Node v24.21.0, linux, 2 CPUs, 2026-11-22.');
    expect(referenceCaption(recording, labels.ja, 'ja')).toBe('参照実行：Node v24.21.0、linux、CPU 2 個、2026-11-22 に記録。');
  });

  it('says how the synchronous calls were made when the recording reports it', () => {
    expect(referenceCaption(inRealNode, labels.en, 'en')).toBe(
      'Reference run recorded on Node v24.21.0, linux, 2 CPUs, 2026-11-22. ' +
        'The synchronous call in (a) Blocking call and (b) Worker thread: Atomics.wait, then the answer through receiveMessageOnPort.',
    );
    expect(referenceCaption(inRealNode, labels.ja, 'ja')).toBe(
      '参照実行：Node v24.21.0、linux、CPU 2 個、2026-11-22 に記録。' +
        '「(a) ブロッキングな呼び出し」、「(b) ワーカースレッド」の同期呼び出しは、Atomics.wait で待ち、答えを receiveMessageOnPort で受け取りました。',
    );
  });

  it('says so when there is no recording', () => {
    expect(referenceCaption(null, labels.en, 'en')).toBe('No reference run has been recorded for this playground yet.');
    expect(referenceCaption(null, labels.ja, 'ja')).toBe('このプレイグラウンドの参照実行はまだ記録されていません。');
  });
});

describe("the caption of a run in the reader's browser (WebContainer)", () => {
  const date = { en: '12/8/2026, 2:03:00 PM', ja: '2026/12/8 14:03:00' };

  it('names WebContainer, its Node and how the synchronous call was made', () => {
    expect(liveCaption({ runtime: 'webcontainer', outcome: 'done', date: date.en, events: inWebContainer }, labels.en, 'en')).toBe(
      'Your run, in your browser (WebContainer, Node v22.22.0), 12/8/2026, 2:03:00 PM. ' +
        'The synchronous call in (a) Blocking call and (b) Worker thread: Atomics.wait, then the answer through a SharedArrayBuffer alone (no receiveMessageOnPort).',
    );
    expect(liveCaption({ runtime: 'webcontainer', outcome: 'done', date: date.ja, events: inWebContainer }, labels.ja, 'ja')).toBe(
      'あなたの実行（ブラウザー内の WebContainer、Node v22.22.0）、2026/12/8 14:03:00。' +
        '「(a) ブロッキングな呼び出し」、「(b) ワーカースレッド」の同期呼び出しは、Atomics.wait で待ち、答えを SharedArrayBuffer だけで受け渡しました（receiveMessageOnPort は使っていません）。',
    );
  });

  it('names the spinning wait where Atomics.wait is missing too, and the blocking sleep of cluster-workers', () => {
    const strict = [mechanism('blocking', 'sync-request', 'busy-wait')];
    expect(liveCaption({ runtime: 'webcontainer', outcome: 'done', date: date.en, events: strict }, labels.en, 'en')).toBe(
      'Your run, in your browser (WebContainer), 12/8/2026, 2:03:00 PM. ' +
        'The synchronous call in (a) Blocking call: a loop spinning until the answer is in the SharedArrayBuffer (no Atomics.wait either).',
    );
    const cluster = [{ id: 'blocking', label: 'ブロッキングなハンドラー' }];
    const sleeps = [mechanism('blocking', 'sync-sleep', 'busy-wait', 'worker 1'), mechanism('blocking', 'sync-sleep', 'busy-wait', 'worker 2')];
    expect(liveCaption({ runtime: 'webcontainer', outcome: 'done', date: date.ja, events: sleeps }, cluster, 'ja')).toBe(
      'あなたの実行（ブラウザー内の WebContainer）、2026/12/8 14:03:00。' +
        '「ブロッキングなハンドラー」のブロッキングなスリープは、Atomics.wait を使わず、時間が来るまでループで回り続けました。',
    );
  });

  it('says a stopped run is partial, and grows as the events arrive', () => {
    const run = { runtime: 'webcontainer' as const, date: date.en, events: [] as TraceEvent[] };
    expect(liveCaption({ ...run, outcome: 'running' }, labels.en, 'en')).toBe('Your run, in your browser (WebContainer), 12/8/2026, 2:03:00 PM.');
    run.events.push(...inWebContainer.slice(0, 1));
    expect(liveCaption({ ...run, outcome: 'stopped' }, labels.en, 'en')).toBe(
      'Your run, in your browser (WebContainer, Node v22.22.0), 12/8/2026, 2:03:00 PM, stopped before it finished: what happened until then.',
    );
  });
});

describe('the caption of a run on the local runner', () => {
  const events = [ready('blocking', 40001, { node: 'v24.21.0' }), mechanism('blocking', 'sync-request', 'message-port')];

  it('names the local runner and its Node', () => {
    expect(liveCaption({ runtime: 'local', outcome: 'done', date: '12/8/2026, 2:03:00 PM', events }, labels.en, 'en')).toBe(
      'Your run, on this machine (local runner, Node v24.21.0), 12/8/2026, 2:03:00 PM. ' +
        'The synchronous call in (a) Blocking call: Atomics.wait, then the answer through receiveMessageOnPort.',
    );
    expect(liveCaption({ runtime: 'local', outcome: 'failed', date: '2026/12/8 14:03:00', events: events.slice(0, 1) }, labels.ja, 'ja')).toBe(
      'あなたの実行（このマシンのローカルランナー、Node v24.21.0）、2026/12/8 14:03:00。エラーで終わったため、そこまでの記録です。',
    );
  });
});

describe('the Japanese captions, filled in', () => {
  // The style checker sees UI strings with their placeholders blanked; filled in, the labels meet the words around
  // them, and the joins must follow the same rules (a half-width space between Japanese and Latin, 、 and 。).
  const everyWay = (['message-port', 'shared-buffer', 'busy-wait', 'atomics-wait'] as const).flatMap((chosen) => [
    mechanism('blocking', 'sync-request', chosen),
    mechanism('offloaded', 'sync-sleep', chosen),
  ]);
  it.each([
    ['reference', referenceCaption({ node: 'v24.21.0', os: { platform: 'linux' }, cpus: { count: 2 }, recordedAt: '2026-11-22T00:00:00Z', events: everyWay }, labels.ja, 'ja')],
    ['WebContainer', liveCaption({ runtime: 'webcontainer', outcome: 'stopped', date: '2026/12/8 14:03:00', events: [...inWebContainer, ...everyWay] }, labels.ja, 'ja')],
    ['local runner', liveCaption({ runtime: 'local', outcome: 'done', date: '2026/12/8 14:03:00', events: [ready('x', 1, { node: 'v24.21.0' }), ...everyWay] }, [{ id: 'blocking', label: 'UV_THREADPOOL_SIZE=4' }], 'ja')],
  ])('%s: follows the Japanese style rules', (_name, caption) => {
    expect(caption).not.toMatch(/[A-Za-z]{3,} (?:in|the|through) /);
    expect(findStyleProblems(caption, 'plain')).toEqual([]);
  });
});
