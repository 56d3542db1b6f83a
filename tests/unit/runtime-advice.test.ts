import { describe, expect, it } from 'vitest';
import { browserFamily, isAppleMobile, type BrowserFamily } from '../../src/client/browser.ts';
import { runtimeErrorMessage } from '../../src/client/runtime-advice.ts';
import { locales } from '../../src/i18n/ui.ts';
import { RuntimeError } from '../../src/playground/runtime/types.ts';

// Desktop and mobile user agents as each browser sends them (Brave sends Chrome's, and has navigator.brave).
const agents = {
  chrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:150.0) Gecko/20100101 Firefox/150.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.0 Safari/605.1.15',
  iPhone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.0 Mobile/15E148 Safari/604.1',
  chromeOnIPhone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/156.0.0.0 Mobile/15E148 Safari/604.1',
  opera: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 OPR/120.0.0.0',
};

describe('browserFamily', () => {
  it.each([
    [{ userAgent: agents.chrome }, 'chrome'],
    [{ userAgent: agents.chrome, brave: {} }, 'brave'],
    [{ userAgent: agents.edge }, 'edge'],
    [{ userAgent: agents.firefox }, 'firefox'],
    [{ userAgent: agents.safariMac }, 'safari'],
    [{ userAgent: agents.iPhone }, 'safari'],
    [{ userAgent: agents.chromeOnIPhone }, 'other'],
    [{ userAgent: agents.opera }, 'other'],
  ] as const)('%o is %s', (browser, family) => {
    expect(browserFamily(browser)).toBe(family);
  });
});

describe('isAppleMobile', () => {
  it('is an iPhone, and an iPad that says it is a Mac but has a touch screen; not a Mac', () => {
    expect(isAppleMobile({ userAgent: agents.iPhone })).toBe(true);
    expect(isAppleMobile({ userAgent: agents.safariMac, platform: 'MacIntel', maxTouchPoints: 5 })).toBe(true);
    expect(isAppleMobile({ userAgent: agents.safariMac, platform: 'MacIntel', maxTouchPoints: 0 })).toBe(false);
    expect(isAppleMobile({ userAgent: agents.chrome, platform: 'Linux x86_64', maxTouchPoints: 10 })).toBe(false);
  });
});

describe('runtimeErrorMessage', () => {
  // What each browser's fix must name, in each language: the setting the reader has to find.
  const fixes: Record<Exclude<BrowserFamily, 'other'>, Record<'en' | 'ja', string>> = {
    chrome: { en: 'chrome://settings/cookies', ja: 'chrome://settings/cookies' },
    edge: { en: 'edge://settings/privacy', ja: 'edge://settings/privacy' },
    firefox: { en: 'Enhanced Tracking Protection', ja: '強化型トラッキング防止機能' },
    safari: { en: 'Prevent cross-site tracking', ja: 'サイト越えトラッキングを防ぐ' },
    brave: { en: 'Shields', ja: 'Shields' },
  };

  it.each(locales)('%s: a boot that timed out or failed names the fix in the reader’s browser, and only that one', (locale) => {
    for (const [browser, fix] of Object.entries(fixes) as [BrowserFamily, Record<'en' | 'ja', string>][]) {
      for (const code of ['boot-timeout', 'boot-stuck', 'boot-failed'] as const) {
        const message = runtimeErrorMessage(locale, new RuntimeError(code, 'blocked'), browser);
        expect(message, `${browser} ${code}`).toContain(fix[locale]);
        const others = Object.entries(fixes).filter(([name]) => name !== browser && fixes[name as keyof typeof fixes][locale] !== fix[locale]);
        for (const [name, other] of others) expect(message, `${browser} ${code} names ${name}`).not.toContain(other[locale]);
        expect(message).not.toMatch(/[{}]/);
      }
    }
  });

  it.each(locales)('%s: after a timeout Run again is enough; after a stall a reload may be needed', (locale) => {
    const runAgain = locale === 'en' ? 'press “Run again”: the page needs no reload' : 'ページを再読み込みする必要はありません';
    const reload = locale === 'en' ? 'if it still does not start, reload the page' : 'それでも起動しない場合は、ページを再読み込みしてください';
    expect(runtimeErrorMessage(locale, new RuntimeError('boot-timeout', 'x'), 'other')).toContain(runAgain);
    expect(runtimeErrorMessage(locale, new RuntimeError('boot-stuck', 'x'), 'other')).toContain(reload);
    expect(runtimeErrorMessage(locale, new RuntimeError('boot-failed', 'Storage is blocked'), 'other')).toMatch(/Storage is blocked$/);
  });
});
