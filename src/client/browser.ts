// Which browser the reader uses, as far as the advice the page gives depends on it: where its third-party cookie
// setting lives (shared/WEBCONTAINER.md §6), and whether it runs on an iPhone or iPad. Pure: the caller passes
// `navigator`, so the tests pass user agents.

/** The browsers whose settings the page names; `other` gets advice that names none. */
export type BrowserFamily = 'chrome' | 'edge' | 'firefox' | 'safari' | 'brave' | 'other';

export interface BrowserTraits {
  userAgent: string;
  /** Brave's own object: Brave sends Chrome's user agent, so this is the only sign of it. */
  brave?: unknown;
  platform?: string;
  maxTouchPoints?: number;
}

export function browserFamily(browser: BrowserTraits): BrowserFamily {
  const agent = browser.userAgent;
  // On iPhone and iPad every browser is Safari's engine under another name, with its own settings.
  if (/CriOS|FxiOS|EdgiOS/.test(agent)) return 'other';
  if (browser.brave !== undefined) return 'brave';
  if (/Edg(?:A)?\//.test(agent)) return 'edge';
  if (/Firefox\//.test(agent)) return 'firefox';
  if (/OPR\/|SamsungBrowser\//.test(agent)) return 'other';
  if (/Chrome\/|Chromium\//.test(agent)) return 'chrome';
  if (/Version\/[\d.]+.*Safari\//.test(agent)) return 'safari';
  return 'other';
}

/**
 * An iPhone, iPod or iPad. iPadOS asks for desktop sites by default and then says it is a Mac ("MacIntel"); unlike
 * a Mac, it has a touch screen.
 */
export function isAppleMobile(browser: BrowserTraits): boolean {
  return /iPhone|iPad|iPod/.test(browser.userAgent) || (browser.platform === 'MacIntel' && (browser.maxTouchPoints ?? 0) > 1);
}
