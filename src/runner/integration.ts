// `astro dev` starts a local runner beside the dev server, so Run works offline while writing pages
// (ELL_RUNNER=0 turns it off). Its address and a fresh token reach the pages in an inline script; only the
// dev server's own origins may use it, learnt once the dev server has its port. ELL_RUNNER_PROFILE=webcontainer
// (or webcontainer-strict) runs every process under the WebContainer compatibility profile, to see in the page
// what the reader's browser would show.
import type { AstroIntegration } from 'astro';
import { COMPAT_PROFILES, type CompatProfile } from '../playground/runtime/profiles.ts';
import { randomToken } from './security.ts';
import { createRunner, type Runner } from './server.ts';

interface Running {
  runner: Runner;
  origins: Set<string>;
}

// Astro re-evaluates the config (and so calls localRunner() again) when it restarts after a config change,
// without ending the dev server or running astro:server:start again: the runner is kept across restarts here.
const KEY = Symbol.for('event-loop-lab.local-runner');
const registry = globalThis as typeof globalThis & { [KEY]?: Running };

export function localRunner(): AstroIntegration {
  return {
    name: 'event-loop-lab:local-runner',
    hooks: {
      'astro:config:setup': async ({ command, injectScript, logger }) => {
        if (command !== 'dev' || process.env.ELL_RUNNER === '0') return;
        let running = registry[KEY];
        if (!running) {
          const origins = new Set<string>();
          const profile = process.env.ELL_RUNNER_PROFILE;
          if (profile && !(COMPAT_PROFILES as readonly string[]).includes(profile)) {
            throw new Error(`ELL_RUNNER_PROFILE must be one of ${COMPAT_PROFILES.join(', ')}, not ${profile}`);
          }
          const runner = await createRunner({
            host: '127.0.0.1',
            port: 0,
            token: randomToken(),
            allowedOrigins: () => origins,
            profile: profile as CompatProfile | undefined,
          });
          running = registry[KEY] = { runner, origins };
          logger.info(`local runner on ${runner.url} for this dev server's pages (ELL_RUNNER=0 turns it off)`);
        }
        const config = JSON.stringify({ url: running.runner.url, token: running.runner.token });
        // `<` escaped: the text sits inside a <script> element.
        injectScript('head-inline', `window.__ELL_RUNNER__=${config.replaceAll('<', '\\u003c')}`);
      },
      'astro:server:start': ({ address }) => {
        const running = registry[KEY];
        if (!running) return;
        running.origins.clear();
        for (const host of ['localhost', '127.0.0.1', '[::1]']) running.origins.add(`http://${host}:${address.port}`);
      },
      'astro:server:done': async () => {
        const running = registry[KEY];
        delete registry[KEY];
        await running?.runner.close();
      },
    },
  };
}
