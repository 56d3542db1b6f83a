// Each playground's files and manifest as one static JSON file, fetched by the page only when the reader
// runs, edits or forks it, so reading a page costs nothing for them. The plain JavaScript WebContainer runs is
// made here, at build time, with the same stripper the page uses for edits: a Run without edits downloads no
// stripper at all.
import type { APIRoute, GetStaticPaths } from 'astro';
import { toJavaScript } from '../../playground/javascript.ts';
import { loadPlayground, listPlaygroundIds, type PlaygroundBundle } from '../../playground/load-playground.ts';
import { stripTypes } from '../../playground/strip-types.ts';

export const getStaticPaths: GetStaticPaths = async () => (await listPlaygroundIds()).map((id) => ({ params: { id } }));

export const GET: APIRoute = async ({ params }) => {
  const playground = await loadPlayground(String(params.id));
  const bundle: PlaygroundBundle = {
    ...playground,
    javaScript: toJavaScript(Object.fromEntries(playground.files.map((file) => [file.path, file.contents])), stripTypes),
  };
  return new Response(JSON.stringify(bundle), { headers: { 'content-type': 'application/json' } });
};
