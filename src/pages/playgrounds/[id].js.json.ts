// The plain JavaScript WebContainer runs (its Node may not strip types), made at build time with the same
// stripper the page uses for edits: a WebContainer Run without edits downloads no stripper, and a local-runner
// Run, whose real Node runs the TypeScript, never fetches this file.
import type { APIRoute, GetStaticPaths } from 'astro';
import { toJavaScript } from '../../playground/javascript.ts';
import { listPlaygroundIds, loadPlayground } from '../../playground/load-playground.ts';
import { stripTypes } from '../../playground/strip-types.ts';

export const getStaticPaths: GetStaticPaths = async () => (await listPlaygroundIds()).map((id) => ({ params: { id } }));

export const GET: APIRoute = async ({ params }) => {
  const { files } = await loadPlayground(String(params.id));
  const javaScript = toJavaScript(Object.fromEntries(files.map((file) => [file.path, file.contents])), stripTypes);
  return new Response(JSON.stringify(javaScript), { headers: { 'content-type': 'application/json' } });
};
