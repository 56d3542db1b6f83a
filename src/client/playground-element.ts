// <event-loop-playground>: the small part that every playground page loads. It turns the static shell into
// tabs and reveals the controls; everything heavy (the runtime, the editor, the stripper, the StackBlitz SDK)
// is in ./playground-app.ts, imported the first time the reader asks for it.
import type { Action, PlaygroundApp } from './playground-app.ts';

class EventLoopPlayground extends HTMLElement {
  #app: Promise<PlaygroundApp> | undefined;
  #upgraded = false;

  connectedCallback(): void {
    // Moving the element in the page reconnects it; its listeners are already there.
    if (this.#upgraded) return;
    this.#upgraded = true;
    this.#setUpTabs();
    this.querySelector<HTMLElement>('[data-controls]')?.removeAttribute('hidden');
    this.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (button && this.contains(button)) void this.#act(button.dataset.action as Action);
    });
    // Open in StackBlitz submits a form to a new tab, which the browser allows only shortly after the click: what
    // it needs is fetched as the pointer or the focus reaches the button, not after the click.
    const fork = this.querySelector<HTMLButtonElement>('button[data-action="fork"]');
    const prefetch = () => void this.#loadApp().then((app) => app.prefetch('fork'), () => {});
    fork?.addEventListener('pointerenter', prefetch, { once: true });
    fork?.addEventListener('focus', prefetch, { once: true });
    // Edits saved in an earlier visit are shown at once, which needs the editor.
    if (hasSavedEdits(this.dataset.id ?? '')) void this.#act('edit');
  }

  #loadApp(): Promise<PlaygroundApp> {
    return (this.#app ??= import('./playground-app.ts').then(({ createPlaygroundApp }) => createPlaygroundApp(this)));
  }

  async #act(action: Action): Promise<void> {
    let app: PlaygroundApp;
    try {
      app = await this.#loadApp();
    } catch (error) {
      // The code for Run and Edit did not arrive (offline, a new deploy): say so, and try again next click. The
      // reader gets the page's own sentence; the browser's reason, in the browser's English, goes to the console.
      this.#app = undefined;
      console.warn('The playground code could not be loaded:', error);
      this.dataset.state = 'error';
      const status = this.querySelector('[data-status]');
      if (status) status.textContent = this.dataset.loadFailed ?? '';
      return;
    }
    await app.handle(action);
  }

  #setUpTabs(): void {
    const tablist = this.querySelector<HTMLElement>('[role="tablist"]');
    const tabs = [...this.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    if (!tablist || tabs.length === 0) return;
    const select = (index: number, focus: boolean) => {
      tabs.forEach((tab, i) => {
        const selected = i === index;
        tab.setAttribute('aria-selected', String(selected));
        tab.tabIndex = selected ? 0 : -1;
        const panel = this.querySelector<HTMLElement>(`#${tab.getAttribute('aria-controls')}`);
        panel?.toggleAttribute('data-active', selected);
      });
      if (focus) tabs[index]?.focus();
    };
    tabs.forEach((tab, index) => tab.addEventListener('click', () => select(index, false)));
    tablist.addEventListener('keydown', (event) => {
      const current = tabs.findIndex((tab) => tab.getAttribute('aria-selected') === 'true');
      const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select((next + tabs.length) % tabs.length, true);
    });
    select(0, false);
    tablist.removeAttribute('hidden');
  }
}

function hasSavedEdits(id: string): boolean {
  try {
    return localStorage.getItem(`ell:edits:${id}`) !== null;
  } catch {
    return false;
  }
}

if (!customElements.get('event-loop-playground')) customElements.define('event-loop-playground', EventLoopPlayground);
