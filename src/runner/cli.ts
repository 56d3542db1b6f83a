// `npm run runner -- --origin http://127.0.0.1:4329`: a local runner for a built site (preview, a classroom
// copy, the end-to-end tests). The token comes from ELL_RUNNER_TOKEN or --token (the environment keeps it
// out of `ps`), else a fresh random one; pages learn it from the printed fragment.
import { parseArgs } from 'node:util';
import { COMPAT_PROFILES, type CompatProfile } from '../playground/runtime/profiles.ts';
import { createRunner } from './server.ts';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '4398' },
    origin: { type: 'string', multiple: true, default: [] },
    token: { type: 'string' },
    // `webcontainer` or `webcontainer-strict`: the limits of WebContainer's Node, imposed on real Node.
    profile: { type: 'string' },
  },
});
const profiles: readonly string[] = COMPAT_PROFILES;

if (values.origin.length === 0 || (values.profile !== undefined && !profiles.includes(values.profile))) {
  console.error(`usage: node src/runner/cli.ts --origin <page origin> [--origin …] [--port 4398] [--token T] [--profile ${COMPAT_PROFILES.join('|')}]`);
  process.exit(2);
}

try {
  const runner = await createRunner({
    host: values.host,
    port: Number(values.port),
    token: values.token ?? process.env.ELL_RUNNER_TOKEN,
    allowedOrigins: new Set(values.origin),
    profile: values.profile as CompatProfile | undefined,
  });
  console.log(`local runner listening on ${runner.url}${values.profile ? `, every process under the ${values.profile} profile` : ''}`);
  console.log(`append to a page address: #runner=${encodeURIComponent(runner.url)}&token=${encodeURIComponent(runner.token)}`);
  const stop = () => void runner.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`local runner: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
