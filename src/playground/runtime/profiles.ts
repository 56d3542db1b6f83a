// PLACEHOLDER until helper branch h-profile lands (it owns this file).
export type CompatProfile = 'webcontainer' | 'webcontainer-strict';
export function profileExecArgv(profile: CompatProfile): string[] {
  return ['--import', new URL(`./${profile === 'webcontainer' ? 'webcontainer-profile.mjs' : 'webcontainer-profile-strict.mjs'}`, import.meta.url).href];
}
