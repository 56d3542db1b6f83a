// The reader's edits to a playground, kept in localStorage so a reload loses nothing. Only files that exist
// and are editable are kept or restored; an edit that equals the original is no edit.
import type { FileMap } from './runtime/types.ts';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface EditableFiles {
  id: string;
  originals: FileMap;
  readOnly: ReadonlySet<string>;
}

const keyOf = (id: string) => `ell:edits:${id}`;

function onlyEdits(files: FileMap, playground: EditableFiles): FileMap {
  return Object.fromEntries(
    Object.entries(files).filter(
      ([name, contents]) =>
        typeof contents === 'string' &&
        name in playground.originals &&
        !playground.readOnly.has(name) &&
        playground.originals[name] !== contents,
    ),
  );
}

export function loadEdits(store: KeyValueStore, playground: EditableFiles): FileMap {
  try {
    const saved: unknown = JSON.parse(store.getItem(keyOf(playground.id)) ?? '{}');
    return saved && typeof saved === 'object' ? onlyEdits(saved as FileMap, playground) : {};
  } catch {
    // Storage may be disabled or hold something that is not ours: start from the originals.
    return {};
  }
}

/** Saves what differs from the originals; returns what was saved. */
export function saveEdits(store: KeyValueStore, playground: EditableFiles, files: FileMap): FileMap {
  const edits = onlyEdits(files, playground);
  try {
    if (Object.keys(edits).length === 0) store.removeItem(keyOf(playground.id));
    else store.setItem(keyOf(playground.id), JSON.stringify(edits));
  } catch {
    // Quota or privacy mode: the edits live on in the page until it closes.
  }
  return edits;
}

export function clearEdits(store: KeyValueStore, id: string): void {
  try {
    store.removeItem(keyOf(id));
  } catch {
    // As above: nothing was stored.
  }
}
