// The shared helpers every playground runs with (load client, tracing, server plumbing), as plain text a reader
// can open from the playground: they are not shown as tabs, which would put hundreds of highlighted lines on
// every page that embeds a playground. `.txt`, because hosts serve `.ts` as an MPEG video stream.
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadSharedFiles } from '../../../playground/load-playground.ts';

export const getStaticPaths: GetStaticPaths = async () =>
  (await loadSharedFiles()).map(({ path, contents }) => ({ params: { file: path }, props: { contents } }));

export const GET: APIRoute = ({ props }) =>
  new Response(String(props.contents), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
