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
  it('stays quiet about loop-delay windows in which the loop kept up, and speaks about stuck ones', () => {
    const window = { v: 1, t: 2, proc: 'a', type: 'loop-delay', start: 1, end: 2, meanMs: 1 } as const;
    expect(describeEvent({ ...window, maxMs: 12 })).toBeNull();
    expect(describeEvent({ ...window, maxMs: 1012.4 })).toBe('event loop stuck for up to 1012 ms');
  });
});
