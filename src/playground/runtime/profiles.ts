// PLACEHOLDER until helper branch h-profile lands (it owns this file).
export const COMPAT_PROFILES = ['webcontainer', 'webcontainer-strict'] as const;
export type CompatProfile = (typeof COMPAT_PROFILES)[number];
export function profileExecArgv(profile: CompatProfile): string[] {
  return ['--import', new URL(`./${profile === 'webcontainer' ? 'webcontainer-profile.mjs' : 'webcontainer-profile-strict.mjs'}`, import.meta.url).href];
}
