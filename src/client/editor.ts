// The code editor, loaded only when the reader starts editing: CodeMirror 6 with TypeScript highlighting.
// Colours come from CSS custom properties (src/styles/site.css), so one theme follows Starlight's light and
// dark modes without swapping extensions.
import { javascript } from '@codemirror/lang-javascript';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { basicSetup } from 'codemirror';

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword, tags.operatorKeyword], color: 'var(--ell-syntax-keyword)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--ell-syntax-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--ell-syntax-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--ell-syntax-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.className, tags.namespace], color: 'var(--ell-syntax-type)' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: 'var(--ell-syntax-function)' },
  { tag: [tags.propertyName, tags.definition(tags.variableName)], color: 'var(--ell-syntax-property)' },
]);

const theme = EditorView.theme({
  '&': {
    color: 'var(--sl-color-white)',
    backgroundColor: 'var(--sl-color-gray-6)',
    fontSize: 'var(--sl-text-code, 0.875rem)',
    border: '1px solid var(--sl-color-gray-5)',
    borderRadius: '0.35rem',
  },
  '.cm-content': { fontFamily: 'var(--__sl-font-mono)', caretColor: 'var(--sl-color-white)' },
  '.cm-scroller': { maxHeight: '28rem' },
  '.cm-gutters': { backgroundColor: 'var(--sl-color-gray-6)', color: 'var(--sl-color-gray-3)', border: 'none' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--ell-editor-active-line)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'var(--ell-editor-selection)' },
  '&.cm-focused': { outline: '2px solid var(--sl-color-text-accent)' },
});

export interface CodeEditor {
  value(): string;
  setValue(text: string): void;
}

/** An editable editor; read-only files get none (they stay as the highlighted code the page was built with). */
export function createEditor(parent: HTMLElement, options: { doc: string; label: string; onChange(text: string): void }): CodeEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        basicSetup,
        javascript({ typescript: true }),
        syntaxHighlighting(highlight),
        theme,
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    value: () => view.state.doc.toString(),
    setValue(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
  };
}
