// The type stripper the page uses, loaded only when a run needs it (WebContainer gets plain JavaScript).
// Sucrase: small, parses current syntax (`satisfies`, `await using`), and keeps every line where it was.
import { transform } from 'sucrase';
import { EditedCodeError, type StripTypes } from './javascript.ts';

export const stripTypes: StripTypes = (code, fileName) => {
  try {
    return transform(code, {
      transforms: ['typescript'],
      disableESTransforms: true,
      keepUnusedImports: true,
      filePath: fileName,
    }).code;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Sucrase reports "Unexpected token (12:5)": line and column in the original file.
    const position = /\((\d+):(\d+)\)\s*$/.exec(message);
    throw new EditedCodeError(fileName, position ? Number(position[1]) : undefined, message.replace(/\s*\(\d+:\d+\)\s*$/, ''));
  }
};
