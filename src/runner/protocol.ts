// The wire format of the local runner's HTTP API (README.md in this folder), shared by the runner and the
// page's adapter (src/playground/runtime/local.ts). No `node:` imports: the browser reads these types.
import type { ProcessNotice } from '../playground/runtime/types.ts';
import type { RunnerLimits } from './limits.ts';

// What the runner says about a process (a limit it applied) is the Runtime contract's notice.
export type { ProcessNotice };

export const API_PREFIX = '/v1';

export interface HelloBody {
  runner: 'event-loop-lab';
  api: 1;
  /** The Node version playgrounds run on. */
  node: string;
  limits: RunnerLimits;
}

/** Every refusal: a stable code for programs, a sentence for people. */
export interface ErrorBody {
  error: string;
  message: string;
}

/** One line of `GET …/processes/:p/output`: output chunks and notices in order, then the exit code, last. */
export type OutputLine = { chunk: string } | { notice: ProcessNotice } | { exit: number };

/** One line of `GET …/lease`: every process of the session, multiplexed; blank lines are heartbeats. */
export type LeaseLine = { process: string } & OutputLine;
