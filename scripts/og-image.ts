// Draws public/og.png, the 1200×630 card shown when a page is shared, with Chromium: both languages' taglines
// and a blocking vs non-blocking timeline. Run it again (`node scripts/og-image.ts`) if the tagline changes.
// The Japanese line needs a Japanese font on the machine (Debian: fonts-noto-cjk).
import { chromium } from '@playwright/test';
import { t } from '../src/i18n/ui.ts';
import { chromiumExecutable, chromiumFlags } from './chromium.ts';

// The same six requests twice: behind a blocked loop each waits until the slow call ends; on a free loop each
// answers at once. One thin bar a request, from when it was sent to when it was answered.
const bars = (answeredAt: (i: number) => number, colour: string, y: number) =>
  Array.from({ length: 6 }, (_, i) => {
    const sent = i * 80;
    return `<rect x="${sent}" y="${y + i * 8}" width="${answeredAt(i) - sent}" height="6" rx="3" fill="${colour}"/>`;
  }).join('');

const html = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; width: 1200px; height: 630px; background: #14161b; color: #e8eaf0;
    font-family: 'Noto Sans CJK JP', 'Noto Sans JP', sans-serif; display: flex; flex-direction: column; justify-content: center; padding: 0 80px; box-sizing: border-box; }
  h1 { font-size: 84px; margin: 0 0 24px; letter-spacing: -1px; }
  p { font-size: 30px; margin: 6px 0; color: #b8bfcc; }
  svg { margin-top: 40px; }
  .label { font-size: 20px; fill: #8b93a7; }
</style></head><body>
  <h1>Event Loop Lab</h1>
  <p>${t('en', 'site.tagline')}</p>
  <p lang="ja">${t('ja', 'site.tagline')}</p>
  <svg width="1040" height="130" viewBox="0 0 1040 130">
    <text class="label" x="0" y="30">blocking</text>
    <g transform="translate(150 0)">${bars(() => 560, '#e5534b', 0)}</g>
    <text class="label" x="0" y="100">non-blocking</text>
    <g transform="translate(150 0)">${bars((i) => i * 80 + 14, '#57ab5a', 70)}</g>
  </svg>
</body></html>`;

const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumFlags });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
  await page.setContent(html);
  await page.screenshot({ path: 'public/og.png', type: 'png' });
  console.log('wrote public/og.png');
} finally {
  await browser.close();
}
