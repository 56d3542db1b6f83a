// The sentence a RuntimeError becomes, in the page's language. A boot that failed or timed out also says how to
// let third-party cookies and storage through in the reader's own browser, the cause nobody can fix but them.
import { t, type Locale } from '../i18n/ui.ts';
import type { RuntimeError } from '../playground/runtime/types.ts';
import type { BrowserFamily } from './browser.ts';

export function runtimeErrorMessage(locale: Locale, error: RuntimeError, browser: BrowserFamily): string {
  // Strings without {advice} leave it out.
  return t(locale, `playground.error.${error.code}`, { detail: error.detail, advice: t(locale, `playground.cookies.${browser}`) });
}
