import { describe, expect, it } from 'vitest';
import {
  createLineReader,
  describeEvent,
  formatEvent,
  parseEventLine,
  type TraceEvent,
} from '../../src/playground/events.ts';

const span: TraceEvent = { v: 1, t: 1000.5, proc: 'main', type: 'span', name: 'loadForecast', start: 700.25, end: 1000.5 };

describe('parseEventLine', () => {
  it('reads back what formatEvent wrote', () => {
    expect(parseEventLine(formatEvent(span))).toEqual({ kind: 'event', event: span });
  });

  it('reads an event wrapped in terminal escapes and ended with \\r, as WebContainer prints it', () => {
    const line = `\u001b[2K\u001b[1G\u001b]654;interactive\u0007${formatEvent(span)}\u001b[0m\r`;
    expect(parseEventLine(line)).toEqual({ kind: 'event', event: span });
  });

  it('keeps other lines as text, escapes removed', () => {
    expect(parseEventLine('\u001b[31mError: boom\u001b[39m')).toEqual({ kind: 'text', text: 'Error: boom' });
    expect(parseEventLine('{ not json }')).toEqual({ kind: 'text', text: '{ not json }' });
  });

  it.each([
    ['another protocol version', { ...span, v: 2 }],
    ['an unknown type', { ...span, type: 'mystery' }],
    ['a missing field', { v: 1, t: 1, proc: 'main', type: 'span', name: 'x', start: 0 }],
    ['a field of the wrong kind', { ...span, end: '1000' }],
    ['no process', { ...span, proc: undefined }],
  ])('treats JSON with %s as text', (_why, value) => {
    expect(parseEventLine(JSON.stringify(value)).kind).toBe('text');
  });

  it.each([
    ['a ready event naming its Node and WebContainer', { v: 1, t: 2, proc: 'blocking', type: 'ready', port: 3301, pid: 7, node: 'v22.22.0', webcontainer: '1.2.3' }],
    ['a ready event without them', { v: 1, t: 2, proc: 'blocking', type: 'ready', port: 3301, pid: 7 }],
    ['a mechanism with why', { v: 1, t: 3, proc: 'blocking', type: 'mechanism', feature: 'sync-request', chosen: 'shared-buffer', detail: 'worker_threads has no receiveMessageOnPort' }],
    ['a mechanism from a cluster worker', { v: 1, t: 3, proc: 'blocking', part: 'worker 1', type: 'mechanism', feature: 'sync-sleep', chosen: 'atomics-wait' }],
  ] satisfies [string, TraceEvent][])('reads back %s', (_what, event) => {
    expect(parseEventLine(formatEvent(event))).toEqual({ kind: 'event', event });
  });

  it.each([
    ['a mechanism for a feature nobody chooses', { v: 1, t: 3, proc: 'a', type: 'mechanism', feature: 'teleport', chosen: 'busy-wait' }],
    ['a mechanism with a choice that does not exist', { v: 1, t: 3, proc: 'a', type: 'mechanism', feature: 'sync-request', chosen: 'magic' }],
    ['a mechanism without its choice', { v: 1, t: 3, proc: 'a', type: 'mechanism', feature: 'sync-request' }],
    ['a mechanism whose detail is not text', { v: 1, t: 3, proc: 'a', type: 'mechanism', feature: 'sync-sleep', chosen: 'busy-wait', detail: 1 }],
    ['a ready event whose node is a number', { v: 1, t: 2, proc: 'a', type: 'ready', port: 1, pid: 1, node: 22 }],
    ['a ready event whose webcontainer is not text', { v: 1, t: 2, proc: 'a', type: 'ready', port: 1, pid: 1, webcontainer: true }],
    ['a loop-delay window whose CPU time is text', { v: 1, t: 2, proc: 'a', type: 'loop-delay', start: 1, end: 2, maxMs: 1, meanMs: 1, cpuMs: '3' }],
    ['a part that is not text', { ...span, part: 2 }],
  ])('treats %s as text', (_why, value) => {
    expect(parseEventLine(JSON.stringify(value)).kind).toBe('text');
  });

  it('accepts a request that never got a response', () => {
    const failed: TraceEvent = {
      v: 1, t: 5, proc: 'load', type: 'request', target: 'blocking', id: 0, method: 'GET', path: '/health',
      offsetMs: 0, scheduled: 1, start: 1, firstByte: null, end: 5, status: null, error: 'ECONNREFUSED',
    };
    expect(parseEventLine(formatEvent(failed))).toEqual({ kind: 'event', event: failed });
  });
});

describe('createLineReader', () => {
  it('joins lines split across chunks and holds back the unfinished last one', () => {
    const reader = createLineReader();
    expect(reader.push('{"a":')).toEqual([]);
    expect(reader.push('1}\nsecond\nthi')).toEqual(['{"a":1}', 'second']);
    expect(reader.flush()).toEqual(['thi']);
    expect(reader.flush()).toEqual([]);
  });
});

describe('describeEvent', () => {
  it('names the Node (and the WebContainer) a server runs on, when its ready event says', () => {
    const ready = { v: 1, t: 2, proc: 'a', type: 'ready', port: 3301, pid: 7 } as const;
    expect(describeEvent(ready)).toBe('listening on http://127.0.0.1:3301');
    expect(describeEvent({ ...ready, node: 'v24.21.0' })).toBe('listening on http://127.0.0.1:3301 (Node v24.21.0)');
    expect(describeEvent({ ...ready, node: 'v22.22.0', webcontainer: '1.2.3' })).toBe(
      'listening on http://127.0.0.1:3301 (Node v22.22.0, WebContainer 1.2.3)',
    );
  });

  it('says which mechanism was chosen, and why when it says', () => {
    const mechanism = { v: 1, t: 2, proc: 'a', type: 'mechanism', feature: 'sync-request', chosen: 'busy-wait' } as const;
    expect(describeEvent(mechanism)).toBe('sync-request: uses busy-wait');
    expect(describeEvent({ ...mechanism, detail: 'Atomics.wait threw' })).toBe('sync-request: uses busy-wait (Atomics.wait threw)');
  });

  it('stays quiet about loop-delay windows in which the loop kept up, and speaks about stuck ones', () => {
    const window = { v: 1, t: 2, proc: 'a', type: 'loop-delay', start: 1, end: 2, meanMs: 1 } as const;
    expect(describeEvent({ ...window, maxMs: 12 })).toBeNull();
    expect(describeEvent({ ...window, maxMs: 1012.4 })).toBe('event loop stuck for up to 1012 ms');
  });
});
