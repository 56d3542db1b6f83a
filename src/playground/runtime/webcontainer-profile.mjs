// The WebContainer compatibility profile: preloaded into real Node (`node --import <this file> …`), it takes away
// what WebContainer's Node is known to lack (the fact sheet, shared/WEBCONTAINER.md §5), so a
// playground that holds its claim here has met the browser's limits short of a real boot. Where the fact sheet
// says "unknown", this takes the harsher reading. What it imposes:
//
// - `worker_threads.receiveMessageOnPort` is gone: from `require()` and from the ES module's names, so
//   `import { receiveMessageOnPort }` fails to link as it would where the export is missing (StackBlitz: it
//   "cannot be implemented" in a browser).
// - async `crypto.pbkdf2` and `crypto.scrypt` throw at the call, with WebContainer's own message
//   (`TypeError: y.run is not a function`, webcontainer-core#1851); the `*Sync` forms still work.
// - `perf_hooks.monitorEventLoopDelay` exists but throws (unknown there; Bun's and Deno's stubs throw).
// - `process.versions.webcontainer` is set, as tools that switch on it expect.
//
// Plain JavaScript, so any Node can preload it. Worker threads and cluster workers inherit `--import` through
// their execArgv, so every thread of every process of a run gets it (tests/unit/webcontainer-profile.test.ts).
// The harsher variant, webcontainer-profile-strict.mjs, imports this and adds `Atomics.wait` throwing.
import { syncBuiltinESMExports } from 'node:module';

/** What `process.versions.webcontainer` says under this profile; the strict variant says its own name. */
export const PROFILE_VERSION = 'event-loop-lab-profile';

// Taken with getBuiltinModule, never imported or required here: a builtin's ES module takes its export names
// from the CommonJS object when something first imports it, so removing the property before that (a preload runs
// first) leaves the name out of `import` as well. An import or require above would fix the names first.
const workerThreads = process.getBuiltinModule('node:worker_threads');
const crypto = process.getBuiltinModule('node:crypto');
const perfHooks = process.getBuiltinModule('node:perf_hooks');

delete workerThreads.receiveMessageOnPort;

/** WebContainer's async crypto jobs fail at the call: its Node has no libuv thread pool to run them on. */
function noThreadPool() {
  throw new TypeError('y.run is not a function');
}
crypto.pbkdf2 = noThreadPool;
crypto.scrypt = noThreadPool;

perfHooks.monitorEventLoopDelay = function monitorEventLoopDelay() {
  throw new Error('perf_hooks.monitorEventLoopDelay is not implemented in this runtime (WebContainer profile)');
};

setWebContainerVersion(PROFILE_VERSION);

// `import { pbkdf2 } from 'node:crypto'` reads the ES module's own bindings: copy the patched properties into
// them, for a builtin whose ES module already exists.
syncBuiltinESMExports();

/** Sets `process.versions.webcontainer`, which Node makes read-only like its other entries. */
export function setWebContainerVersion(version) {
  Object.defineProperty(process.versions, 'webcontainer', {
    value: version,
    enumerable: true,
    configurable: true,
    writable: false,
  });
}
