// One WebContainer process as a RuntimeProcess, with the bounds WebContainer itself lacks. Its kill() does not
// stop a process spinning in a loop (webcontainer-core#1121), and once its instance is torn down or has failed,
// its exit and output never settle (calls over a dead MessagePort get no answer). So this wrapper owns both: it
// enforces the local runner's wall-clock limit, and whoever ends the instance settles every process of it.
import type { WebContainerProcess } from '@webcontainer/api';
import { type ProcessNotice, RuntimeError, type RuntimeProcess } from './types.ts';

export interface ProcessLimits {
  /** Wall-clock time a process may run before it is killed, as in the local runner. */
  processMs: number;
  /** After that kill, how long it has to exit before its instance is torn down, the only harder kill there is. */
  killGraceMs: number;
}

/** The exit code a process settled by a teardown gets: killed, as SIGKILL would report it. */
export const KILLED_EXIT_CODE = 137;

export interface ContainerProcess extends RuntimeProcess {
  /**
   * Ends it from outside, because its instance is gone: `exit` resolves with `code` (torn down) or rejects with
   * `error` (the instance failed), after `notice`, if any, and the output closes. Does nothing once it settled.
   */
  abandon(outcome: { code: number } | { error: RuntimeError }, notice?: ProcessNotice): void;
}

/**
 * Wraps `process`. `onUnkillable` is called when it outlived its time limit and then ignored kill() for the grace
 * period: the caller tears its instance down, which abandons it.
 */
export function wrapProcess(process: WebContainerProcess, limits: ProcessLimits, onUnkillable: (stuck: ContainerProcess) => void): ContainerProcess {
  let settled = false;
  let settle!: { resolve: (code: number) => void; reject: (error: RuntimeError) => void };
  const exit = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
  // A process lost with its instance rejects `exit`; a caller that never awaits it must not see that as unhandled.
  exit.catch(() => {});

  let controller!: ReadableStreamDefaultController<string | ProcessNotice>;
  let open = true;
  const source = process.output.getReader();
  const close = () => {
    if (!open) return;
    open = false;
    controller.close();
    // The source may never end (a dead instance); nobody reads it any more.
    source.cancel().catch(() => {});
  };
  const push = (chunk: string | ProcessNotice) => open && controller.enqueue(chunk);
  const output = new ReadableStream<string | ProcessNotice>({
    start: (c) => void (controller = c),
    cancel: () => {
      open = false;
      source.cancel().catch(() => {});
    },
  });
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await source.read();
        if (done) break;
        push(value);
      }
    } catch {
      // The stream errors when its process goes mid-chunk; what was read is kept.
    }
    close();
  })();

  const timers: ReturnType<typeof setTimeout>[] = [];
  const finish = (then: () => void) => {
    if (settled) return;
    settled = true;
    timers.forEach(clearTimeout);
    then();
  };
  process.exit.then(
    (code) => finish(() => settle.resolve(code)),
    (error: unknown) => finish(() => settle.reject(new RuntimeError('boot-failed', String(error)))),
  );

  const wrapped: ContainerProcess = {
    output,
    exit,
    kill() {
      if (settled) return;
      try {
        process.kill();
      } catch {
        // Its instance is already gone; whoever ended it settles this process.
      }
    },
    abandon(outcome, notice) {
      finish(() => {
        if (notice) push(notice);
        close();
        if ('code' in outcome) settle.resolve(outcome.code);
        else settle.reject(outcome.error);
      });
    },
  };

  timers.push(
    setTimeout(() => {
      push({ code: 'time-limit', values: { seconds: limits.processMs / 1000 } });
      wrapped.kill();
      timers.push(setTimeout(() => onUnkillable(wrapped), limits.killGraceMs));
    }, limits.processMs),
  );
  return wrapped;
}
