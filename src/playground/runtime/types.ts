// The Runtime interface lives with the playgrounds, whose standalone launcher runs through it too; the site
// imports it from here. One file, so every adapter implements the same contract.
export * from '../../../playgrounds/_shared/runtime.ts';
