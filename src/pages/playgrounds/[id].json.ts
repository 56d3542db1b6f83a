// Each playground's files and manifest as one static JSON file, fetched by the page only when the reader
// runs, edits or forks it, so reading a page costs nothing for them.
import type { APIRoute, GetStaticPaths } from 'astro';
import { listPlaygroundIds, loadPlayground } from '../../playground/load-playground.ts';

export const getStaticPaths: GetStaticPaths = async () => (await listPlaygroundIds()).map((id) => ({ params: { id } }));

export const GET: APIRoute = async ({ params }) => {
  const playground = await loadPlayground(String(params.id));
  return new Response(JSON.stringify(playground), { headers: { 'content-type': 'application/json' } });
};
