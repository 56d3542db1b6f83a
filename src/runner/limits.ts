// What one runner allows, in one place: the README quotes these, `GET /v1/hello` reports them, and tests
// shrink them to hit each cap quickly. No `node:` imports: the page's adapter reads the type.

export interface RunnerLimits {
  /** Sessions alive at once (one per open page that pressed Run). */
  sessions: number;
  /** Processes running at once in one session. */
  liveProcesses: number;
  /** Finished processes whose output is kept for late readers; the oldest is forgotten first. */
  finishedProcesses: number;
  /** Folders (playgrounds) mounted in one session. */
  folders: number;
  /** Files in one folder (playgrounds are flat: every file sits next to playground.json). */
  filesPerFolder: number;
  /** Bytes in one request body: a mount is the largest. */
  bodyBytes: number;
  /** Bytes of output kept per process; past it a marker line is added and the rest dropped. */
  outputBytes: number;
  /** Wall-clock time a process may run before it is killed. */
  processMs: number;
  /** Between SIGTERM and SIGKILL. */
  killGraceMs: number;
  /** How long a session lives without an open lease: before the first, and after the last closes. */
  leaseGraceMs: number;
  /** Longest wait for a port that `…/ports/:port/wait` accepts. */
  portWaitMs: number;
  /** Ports handed out by one request. */
  portsPerRequest: number;
}

export const DEFAULT_LIMITS: RunnerLimits = {
  sessions: 4,
  liveProcesses: 8,
  finishedProcesses: 16,
  folders: 16,
  filesPerFolder: 64,
  bodyBytes: 1024 * 1024,
  outputBytes: 1024 * 1024,
  processMs: 120_000,
  killGraceMs: 2_000,
  leaseGraceMs: 5_000,
  portWaitMs: 60_000,
  portsPerRequest: 16,
};
