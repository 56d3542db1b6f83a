// The WebContainer compatibility profiles a real Node run can be put under (see webcontainer-profile.mjs): the
// limits WebContainer's Node is known to have, and a harsher variant with the ones it may have as well.
// Node-only: the flags name files on this machine.

export type CompatProfile = 'webcontainer' | 'webcontainer-strict';

export const COMPAT_PROFILES: readonly CompatProfile[] = ['webcontainer', 'webcontainer-strict'];

const PROFILE_FILES: Record<CompatProfile, string> = {
  webcontainer: 'webcontainer-profile.mjs',
  'webcontainer-strict': 'webcontainer-profile-strict.mjs',
};

/**
 * The Node flags that put a process under `profile`, to go before its script: `--import` with the profile's
 * absolute file URL, so the process's worker threads and cluster workers, which inherit execArgv, get it too.
 */
export function profileExecArgv(profile: CompatProfile): string[] {
  return ['--import', new URL(PROFILE_FILES[profile], import.meta.url).href];
}
