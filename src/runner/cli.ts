// `npm run runner -- --origin http://127.0.0.1:4329`: a local runner for a built site (preview, a classroom
// copy, the end-to-end tests). The token comes from ELL_RUNNER_TOKEN or --token (the environment keeps it
// out of `ps`), else a fresh random one; pages learn it from the printed fragment.
import { parseArgs } from 'node:util';
import { createRunner } from './server.ts';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '4398' },
    origin: { type: 'string', multiple: true, default: [] },
    token: { type: 'string' },
  },
});

if (values.origin.length === 0) {
  console.error('usage: node src/runner/cli.ts --origin <page origin> [--origin …] [--port 4398] [--token T]');
  process.exit(2);
}

try {
  const runner = await createRunner({
    host: values.host,
    port: Number(values.port),
    token: values.token ?? process.env.ELL_RUNNER_TOKEN,
    allowedOrigins: new Set(values.origin),
  });
  console.log(`local runner listening on ${runner.url}`);
  console.log(`append to a page address: #runner=${encodeURIComponent(runner.url)}&token=${encodeURIComponent(runner.token)}`);
  const stop = () => void runner.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`local runner: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
