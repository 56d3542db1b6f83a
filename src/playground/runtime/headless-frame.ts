// WebContainer's hidden iframe, watched from outside. @webcontainer/api 1.6.4 (dist/index.js) boots by creating one
// `<iframe src="https://stackblitz.com/headless?…">` per page and waiting, with no timeout, for it to post
// `{type: 'init'}`; it caches that wait, and every later boot waits behind a lock the first boot holds until it
// settles. So a frame that never loaded (offline, a blocked domain, a VPN) leaves every boot of the page waiting
// on it, while a frame that answered and then stalled leaves nothing to retry but a reload of the page. Telling
// the two apart, and loading the frame again in the first case, is what lets Run again work without a reload.

/** The origin WebContainer loads its frame from: StackBlitz's, unless the page overrides it as the API allows. */
function editorOrigin(): string {
  const override = (globalThis as { WEBCONTAINER_API_IFRAME_URL?: string }).WEBCONTAINER_API_IFRAME_URL;
  return new URL(override ?? 'https://stackblitz.com').origin;
}

export interface HeadlessFrame {
  /** The frame has posted its `init`: the boot got past loading it. */
  readonly answered: boolean;
  /** Loads the frame again, if there is one: a pending boot still listens for its `init`. */
  reload(): void;
}

/** Starts watching; call it before the first WebContainer.boot(), so the frame's first answer is not missed. */
export function watchHeadlessFrame(): HeadlessFrame {
  const origin = editorOrigin();
  let answered = false;
  const onMessage = (event: Event) => {
    const { origin: from, data } = event as MessageEvent<{ type?: unknown } | null>;
    if (from !== origin || data?.type !== 'init') return;
    answered = true;
    globalThis.removeEventListener?.('message', onMessage);
  };
  globalThis.addEventListener?.('message', onMessage);
  return {
    get answered() {
      return answered;
    },
    reload() {
      const frame = [...(globalThis.document?.querySelectorAll('iframe') ?? [])].find((candidate) =>
        candidate.src.startsWith(`${origin}/headless`),
      );
      // Setting src, even to the same address, navigates the frame again.
      if (frame) frame.src = frame.src;
    },
  };
}
