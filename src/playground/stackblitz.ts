// A playground plus the reader's edits, as a StackBlitz project: the same flat file set the page runs, with the
// playground's standalone package.json (`npm start` runs it; its tsx devDependency covers a Node without type
// stripping). Pure; the page hands the result to @stackblitz/sdk's openProject.
import type { Project } from '@stackblitz/sdk';
import type { Locale } from '../i18n/ui.ts';
import type { Manifest } from './manifest.ts';
import type { FileMap } from './runtime/types.ts';

export interface ForkSource {
  id: string;
  manifest: Manifest;
  files: FileMap;
}

export function forkProject(source: ForkSource, edits: FileMap, locale: Locale): Project {
  return {
    title: `Event Loop Lab: ${source.manifest.title[locale]}`,
    description: source.manifest.claim[locale],
    template: 'node',
    files: { ...source.files, ...edits },
  };
}
