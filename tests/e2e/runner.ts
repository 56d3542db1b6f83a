// How the end-to-end tests hand the local runner to a page: the URL fragment a reader would paste after
// `npm run runner` prints it (playwright.config.ts starts the runner and sets these variables).
export function withLocalRunner(path: string): string {
  const url = process.env.E2E_RUNNER_URL;
  const token = process.env.E2E_RUNNER_TOKEN;
  if (!url || !token) throw new Error('E2E_RUNNER_URL and E2E_RUNNER_TOKEN are set by playwright.config.ts');
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}runtime=local#runner=${encodeURIComponent(url)}&token=${encodeURIComponent(token)}`;
}
