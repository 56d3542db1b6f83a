// The harsher WebContainer profile: everything webcontainer-profile.mjs imposes, and `Atomics.wait` throwing as
// it does where blocking is not allowed (a browser's main thread). Whether WebContainer lets a process or worker
// block in it is unknown (the fact sheet: "Unknown, risky"; tools switch Atomics-based pools off there), so a
// playground must also hold its claim without it. The message is Chrome's.
import { setWebContainerVersion } from './webcontainer-profile.mjs';

setWebContainerVersion('event-loop-lab-profile-strict');

Atomics.wait = function wait() {
  throw new TypeError('Atomics.wait cannot be called in this context');
};
