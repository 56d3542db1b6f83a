// The handoff blocking-the-loop's requestSync falls back to where receiveMessageOnPort is missing: the helper
// thread writes the answer into shared memory, the asking thread reads it back. Byte-exact, whatever the text.
import { describe, expect, it } from 'vitest';
import {
  clearAnswer,
  createAnswerBuffer,
  isAnswered,
  MAX_BODY_BYTES,
  readAnswer,
  writeAnswer,
} from '../../playgrounds/blocking-the-loop/sync-answer.ts';

describe('the answer in a SharedArrayBuffer', () => {
  it('is not in until written, then reads back status and body, multi-byte characters included', () => {
    const buffer = createAnswerBuffer();
    clearAnswer(buffer);
    expect(isAnswered(buffer)).toBe(false);
    writeAnswer(buffer, { status: 201, body: '{"name":"遅い API","ms":1000} ✓' });
    expect(isAnswered(buffer)).toBe(true);
    expect(readAnswer(buffer)).toEqual({ status: 201, body: '{"name":"遅い API","ms":1000} ✓' });
  });

  it('carries an error instead, and a shorter answer after a longer one reads only its own bytes', () => {
    const buffer = createAnswerBuffer();
    writeAnswer(buffer, { status: 200, body: 'a long first answer' });
    clearAnswer(buffer);
    writeAnswer(buffer, { error: 'fetch failed' });
    expect(readAnswer(buffer)).toEqual({ error: 'fetch failed' });
    clearAnswer(buffer);
    writeAnswer(buffer, { status: 204, body: '' });
    expect(readAnswer(buffer)).toEqual({ status: 204, body: '' });
  });

  it('turns a body larger than the buffer into an error that says so, rather than cutting it short', () => {
    const buffer = createAnswerBuffer();
    writeAnswer(buffer, { status: 200, body: 'x'.repeat(MAX_BODY_BYTES) });
    expect(readAnswer(buffer)).toEqual({ status: 200, body: 'x'.repeat(MAX_BODY_BYTES) });
    clearAnswer(buffer);
    writeAnswer(buffer, { status: 200, body: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect(readAnswer(buffer)).toEqual({ error: expect.stringContaining(`${MAX_BODY_BYTES + 1} bytes, more than the ${MAX_BODY_BYTES}`) });
  });
});
