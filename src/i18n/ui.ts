// Every string of ours that a reader sees, in both languages, in one place. The type makes a key
// without one of the two languages a compile error, so no label or message exists in one language only.
// Starlight's own UI strings come translated with Starlight.

export const locales = ['en', 'ja'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

type Strings = Record<string, Record<Locale, string>>;

export const ui = {
  'site.tagline': {
    en: 'Run async/await, the event loop and blocking I/O on Node, right in your browser.',
    ja: 'async/await、イベントループ、ブロッキング I/O を、ブラウザーの中の Node で動かして学ぶサイトです。',
  },
  'root.enter': { en: 'Read in English', ja: '日本語で読む' },
  'root.chooseLanguage': { en: 'Choose a language', ja: '言語を選んでください' },
  // The 404 page: one file for every missing path, so it speaks both languages.
  'notFound.title': { en: 'Page not found', ja: 'ページが見つかりません' },
  'notFound.text': {
    en: 'Nothing lives at this address. It may have moved, or the link may have a typo.',
    ja: 'このアドレスにはページがありません。移動したか、リンクに誤りがある可能性があります。',
  },
  'notFound.home': { en: 'Go to the introduction', ja: 'はじめにへ戻る' },

  // The playground element: its controls, its progress while running, and every way a run can fail.
  'playground.kicker': { en: 'Playground', ja: 'プレイグラウンド' },
  'playground.files': { en: 'Files', ja: 'ファイル' },
  'playground.readOnly': { en: 'read-only', ja: '読み取り専用' },
  'playground.edited': { en: 'edited', ja: '編集済み' },
  /** Between the shared helpers' names in playground.sharedFiles. */
  'playground.sharedSeparator': { en: ', ', ja: '、' },
  'playground.sharedFiles': {
    en: 'Also runs with the shared helpers {files} (read-only): the load client, tracing and server plumbing.',
    ja: '共通のヘルパー {files}（読み取り専用）も一緒に動きます。負荷クライアント、トレース、サーバーの土台です。',
  },
  'playground.controls': { en: 'Playground controls', ja: 'プレイグラウンドの操作' },
  'playground.run': { en: 'Run', ja: '実行' },
  'playground.runAnyway': { en: 'Run anyway', ja: 'それでも実行' },
  'playground.runAgain': { en: 'Run again', ja: 'もう一度実行' },
  'playground.stop': { en: 'Stop', ja: '停止' },
  'playground.edit': { en: 'Edit the code', ja: 'コードを編集' },
  'playground.reset': { en: 'Reset files', ja: 'ファイルを元に戻す' },
  'playground.fork': { en: 'Open in StackBlitz', ja: 'StackBlitz で開く' },
  'playground.useLocal': { en: 'Run on this machine instead (local runner)', ja: '代わりにこのマシンで実行（ローカルランナー）' },
  'playground.inBrowser': { en: 'In your browser', ja: 'ブラウザーで動かす場合' },
  'playground.referenceCaption': {
    en: 'Reference run recorded on Node {node}, {os}, {cpus} CPUs, {date}.',
    ja: '参照実行：Node {node}、{os}、CPU {cpus} 個、{date} に記録。',
  },
  'playground.noReference': {
    en: 'No reference run has been recorded for this playground yet.',
    ja: 'このプレイグラウンドの参照実行はまだ記録されていません。',
  },
  'playground.liveCaption': { en: 'Your run, {runtime}, {date}.', ja: 'あなたの実行（{runtime}）、{date}。' },
  'playground.liveCaptionStopped': {
    en: 'Your run, {runtime}, {date}, stopped before it finished: what happened until then.',
    ja: 'あなたの実行（{runtime}）、{date}。完了前に停止したため、停止までの記録です。',
  },
  'playground.liveCaptionFailed': {
    en: 'Your run, {runtime}, {date}, ended by an error: what happened until then.',
    ja: 'あなたの実行（{runtime}）、{date}。エラーで終わったため、そこまでの記録です。',
  },
  'playground.showReference': { en: 'Show the reference run again', ja: '参照実行をもう一度表示' },
  'playground.runtime.webcontainer': { en: 'in your browser (WebContainer)', ja: 'ブラウザー内の WebContainer' },
  'playground.runtime.webcontainerNode': {
    en: 'in your browser (WebContainer, Node {node})',
    ja: 'ブラウザー内の WebContainer、Node {node}',
  },
  'playground.runtime.local': { en: 'on this machine (local runner)', ja: 'このマシンのローカルランナー' },
  'playground.runtime.localNode': { en: 'on this machine (local runner, Node {node})', ja: 'このマシンのローカルランナー、Node {node}' },
  // How a run made its synchronous calls (src/playground/provenance.ts), after the caption's first sentence, from
  // the run's `mechanism` events: "The synchronous call in (a) … and (b) …: Atomics.wait, then …".
  'provenance.mechanism': { en: '{feature} in {processes}: {how}.', ja: '{processes}の{feature}は、{how}。' },
  /** A process's label inside provenance.mechanism's list. */
  'provenance.processName': { en: '{name}', ja: '「{name}」' },
  'provenance.feature.syncRequest': { en: 'The synchronous call', ja: '同期呼び出し' },
  'provenance.feature.syncSleep': { en: 'The blocking sleep', ja: 'ブロッキングなスリープ' },
  'provenance.how.requestMessagePort': {
    en: 'Atomics.wait, then the answer through receiveMessageOnPort',
    ja: 'Atomics.wait で待ち、答えを receiveMessageOnPort で受け取りました',
  },
  'provenance.how.requestSharedBuffer': {
    en: 'Atomics.wait, then the answer through a SharedArrayBuffer alone (no receiveMessageOnPort)',
    ja: 'Atomics.wait で待ち、答えを SharedArrayBuffer だけで受け渡しました（receiveMessageOnPort は使っていません）',
  },
  'provenance.how.requestBusyWait': {
    en: 'a loop spinning until the answer is in the SharedArrayBuffer (no Atomics.wait either)',
    ja: 'Atomics.wait も使わず、答えが SharedArrayBuffer に入るまでループで回り続けました',
  },
  'provenance.how.sleepAtomicsWait': { en: 'Atomics.wait', ja: 'Atomics.wait で待ちました' },
  'provenance.how.sleepBusyWait': {
    en: 'a loop spinning until the time is up (no Atomics.wait)',
    ja: 'Atomics.wait を使わず、時間が来るまでループで回り続けました',
  },
  /** A feature and choice the playgrounds do not pair today, named by the choice's identifier. */
  'provenance.how.other': { en: 'the “{chosen}” way', ja: '「{chosen}」の方式を使いました' },
  'playground.step.booting': { en: 'Booting the runtime…', ja: 'ランタイムを起動しています…' },
  'playground.step.bootingSlow': {
    en: 'Still starting the in-browser Node (WebContainer)… The first start downloads it from StackBlitz, which can take a while.',
    ja: 'ブラウザー内の Node（WebContainer）をまだ起動しています… 初回は StackBlitz から読み込むため、時間がかかることがあります。',
  },
  'playground.step.mounting': { en: 'Copying the files…', ja: 'ファイルを用意しています…' },
  'playground.step.starting': { en: 'Starting {process}…', ja: '{process}を起動しています…' },
  'playground.step.script': { en: 'Running {process}…', ja: '{process}を実行しています…' },
  'playground.step.firing': { en: 'Sending the same requests to every server…', ja: 'すべてのサーバーに同じリクエストを送っています…' },
  'playground.done': { en: 'Done. The timeline now shows your run.', ja: '完了しました。タイムラインはあなたの実行結果に変わりました。' },
  'playground.stopped': { en: 'Stopped. Every process of this run has ended.', ja: '停止しました。この実行のプロセスはすべて終了しています。' },
  'playground.keptReference': { en: 'The reference run is still shown below.', ja: '下には参照実行の結果を表示したままにしています。' },
  'playground.restarted': {
    en: 'A process did not stop when asked, so its runtime was shut down; the next run starts a fresh one.',
    ja: '停止の指示に応じないプロセスがあったため、そのランタイムを終了しました。次の実行では新しく起動します。',
  },
  // iOS reloads a tab that uses too much memory (shared/WEBCONTAINER.md §6), so a boot there waits for a second click.
  'playground.appleMobile': {
    en: 'On iPhone and iPad, the browser reloads a tab that uses too much memory, and the in-browser Node uses a lot. The reference run stays below, and your edits are kept even if the tab reloads. Press “Run anyway” to start it.',
    ja: 'iPhone と iPad のブラウザーは、メモリを使いすぎたタブを再読み込みします。ブラウザー内の Node は多くのメモリを使います。下の参照実行はそのまま表示され、タブが再読み込みされても編集内容は残ります。起動するには「それでも実行」を押してください。',
  },
  'playground.cannotRunHere': {
    en: 'This playground cannot run in your browser, and no local runner is reachable: {why}',
    ja: 'このプレイグラウンドはブラウザーでは動かせず、ローカルランナーにも接続できません。{why}',
  },
  'playground.error.not-isolated': {
    en: 'This page is not cross-origin isolated, so the in-browser Node (WebContainer) cannot start. The server must send the COOP and COEP headers.',
    ja: 'このページはクロスオリジン分離されていないため、ブラウザー内の Node（WebContainer）を起動できません。サーバーが COOP と COEP ヘッダーを返す必要があります。',
  },
  'playground.error.unsupported-browser': {
    en: 'This browser cannot run the in-browser Node (WebContainer). Chrome, Edge and Firefox on a desktop can.',
    ja: 'このブラウザーではブラウザー内の Node（WebContainer）を動かせません。デスクトップの Chrome、Edge、Firefox なら動きます。',
  },
  // {advice} is one of the playground.cookies.* strings, for the reader's browser (src/client/runtime-advice.ts).
  'playground.error.boot-timeout': {
    en: 'The in-browser Node (WebContainer) did not start. It loads from StackBlitz, so being offline, a VPN, a firewall, an ad blocker or blocked third-party cookies can stop it. Once the cause is gone, press “Run again”: the page needs no reload for that. {advice}',
    ja: 'ブラウザー内の Node（WebContainer）が起動しませんでした。StackBlitz から読み込むため、オフライン、VPN、ファイアウォール、広告ブロッカー、サードパーティ Cookie のブロックで止まることがあります。原因を取り除いたら「もう一度実行」を押してください。ページを再読み込みする必要はありません。{advice}',
  },
  'playground.error.boot-stuck': {
    en: 'The in-browser Node (WebContainer) began to start but has not finished. A slow connection can cause this, and so can blocked third-party cookies or storage. Press “Run again” to keep waiting; if it still does not start, reload the page, since a start stuck this way cannot be retried in place. {advice}',
    ja: 'ブラウザー内の Node（WebContainer）は起動を始めましたが、まだ完了していません。回線が遅い場合のほか、サードパーティ Cookie やストレージがブロックされている場合にも起きます。「もう一度実行」を押すと、そのまま待ち続けます。それでも起動しない場合は、ページを再読み込みしてください。この状態の起動はページ内でやり直せません。{advice}',
  },
  'playground.error.boot-failed': {
    en: 'The in-browser Node (WebContainer) reported an error while starting; blocked third-party cookies or storage are the usual cause. {advice} StackBlitz’s message: {detail}',
    ja: 'ブラウザー内の Node（WebContainer）が起動中にエラーを報告しました。よくある原因は、サードパーティ Cookie やストレージのブロックです。{advice} StackBlitz からのメッセージ：{detail}',
  },
  // What to change when third-party cookies or storage are blocked, per browser (shared/WEBCONTAINER.md §6).
  'playground.cookies.chrome': {
    en: 'In Chrome, third-party cookies are blocked in Incognito windows and by a setting: click the eye icon at the right of the address bar and allow them for this site, or add this site under “Allowed to use third-party cookies” in chrome://settings/cookies, then reload the page.',
    ja: 'Chrome では、シークレット ウィンドウと設定によってサードパーティ Cookie がブロックされます。アドレスバー右端の目のアイコンからこのサイトに許可するか、chrome://settings/cookies でこのサイトをサードパーティ Cookie の使用を許可するサイトに追加してから、ページを再読み込みしてください。',
  },
  'playground.cookies.firefox': {
    en: 'In Firefox, Enhanced Tracking Protection can block it: click the shield icon at the left of the address bar, turn the protection off for this site, then reload the page. A private window cannot run servers at all (it has no service worker): use a normal window.',
    ja: 'Firefox では、強化型トラッキング防止機能がブロックすることがあります。アドレスバー左端の盾のアイコンから、このサイトでの保護を無効にしてから、ページを再読み込みしてください。プライベートウィンドウにはサービスワーカーがないため、サーバーを動かせません。通常のウィンドウを使ってください。',
  },
  'playground.cookies.safari': {
    en: 'Safari blocks third-party cookies while “Prevent cross-site tracking” is on (Safari › Settings › Privacy; on iPhone and iPad, Settings › Safari). With it off, the in-browser Node can start after a reload; or use Chrome or Firefox on a computer, where WebContainer works best.',
    ja: 'Safari は「サイト越えトラッキングを防ぐ」が有効な間、サードパーティ Cookie をブロックします（Safari の設定の「プライバシー」、iPhone と iPad では「設定」アプリの「Safari」）。これを無効にしてページを再読み込みすると起動できます。または、WebContainer が最もよく動くパソコンの Chrome か Firefox を使ってください。',
  },
  'playground.cookies.brave': {
    en: 'In Brave, Shields block the cross-site cookies it needs: click the Shields icon (the lion) in the address bar, open the advanced view and set cross-site cookies to “All cookies allowed” for this site; Brave then reloads the page.',
    ja: 'Brave では、Shields が必要なクロスサイト Cookie をブロックします。アドレスバーの Shields アイコン（ライオン）をクリックし、詳細表示でこのサイトのクロスサイト Cookie をすべて許可してください。そのあと Brave がページを再読み込みします。',
  },
  'playground.cookies.edge': {
    en: 'In Edge, “Enhance your security on the web” set to Strict turns WebAssembly off: in edge://settings/privacy, choose Balanced or add stackblitz.com and [*.]staticblitz.com as exceptions. If third-party cookies are blocked, allow them for this site in edge://settings/content/cookies. Then reload the page.',
    ja: 'Edge では、「Web 上のセキュリティを強化する」を「厳重」にすると WebAssembly が無効になります。edge://settings/privacy で「バランス」を選ぶか、stackblitz.com と [*.]staticblitz.com を例外に追加してください。サードパーティ Cookie をブロックしている場合は、edge://settings/content/cookies でこのサイトに許可してください。そのあと、ページを再読み込みしてください。',
  },
  'playground.cookies.other': {
    en: 'If this browser blocks third-party cookies or storage, allow them for this site, then reload the page.',
    ja: 'このブラウザーでサードパーティ Cookie やストレージをブロックしている場合は、このサイトに許可してから、ページを再読み込みしてください。',
  },
  'playground.error.runner-unreachable': {
    en: 'The local runner does not answer. Start it with npm run dev (or npm run runner) and reload the page.',
    ja: 'ローカルランナーが応答しません。npm run dev（または npm run runner）で起動してから、ページを再読み込みしてください。',
  },
  'playground.error.runner-refused': {
    en: 'The local runner refused the request: {detail}',
    ja: 'ローカルランナーがリクエストを拒否しました：{detail}',
  },
  'playground.error.port-in-use': {
    en: 'A server could not listen: its port is already in use. Stop whatever holds it, or change the port in the code.',
    ja: 'サーバーが待ち受けできませんでした。ポートがすでに使われています。そのポートを使っているものを止めるか、コードのポートを変えてください。',
  },
  'playground.error.port-timeout': {
    en: 'A server started but never listened on its port. Check that it calls listen.',
    ja: 'サーバーは起動しましたが、ポートで待ち受けを始めませんでした。listen を呼んでいるか確認してください。',
  },
  'playground.error.runtime-timeout': {
    en: 'The runtime stopped answering while starting the playground. Press “Run again”; if it happens again, reload the page.',
    ja: 'プレイグラウンドの起動中にランタイムが応答しなくなりました。「もう一度実行」を押してください。再び起きる場合は、ページを再読み込みしてください。',
  },
  'playground.error.aborted': { en: 'Stopped.', ja: '停止しました。' },
  'playground.error.exited': {
    en: '{process} stopped with exit code {code}. Its last lines are in its output.',
    ja: '{process}が終了コード {code} で止まりました。最後の出力はその出力欄にあります。',
  },
  'playground.error.crashed': {
    en: '{process} crashed with exit code {code} after it had started listening, so the run was cut short. Its last lines are in its output.',
    ja: '{process}が待ち受けを始めた後に終了コード {code} で異常終了したため、実行を途中で打ち切りました。最後の出力はその出力欄にあります。',
  },
  'playground.error.syntax': {
    en: 'Your code has a syntax error in {file}, line {line}: {detail}',
    ja: '{file} の {line} 行目に構文エラーがあります：{detail}',
  },
  // {detail} is the browser's own message, in its own language: labelled as such, after what the reader can do.
  'playground.error.unknown': {
    en: 'Something unexpected went wrong. Press “Run again”; if it happens again, reload the page. The browser’s message: {detail}',
    ja: '予期しない問題が発生しました。「もう一度実行」を押してください。再び起きる場合は、ページを再読み込みしてください。ブラウザーからのメッセージ：{detail}',
  },
  'playground.error.code': {
    en: 'The code that runs and edits playgrounds could not be loaded. Check the connection and try again.',
    ja: 'プレイグラウンドを実行・編集するコードを読み込めませんでした。接続を確認して、もう一度試してください。',
  },
  'playground.error.fork': {
    en: 'StackBlitz could not be opened. Check the connection and press “Open in StackBlitz” again. The browser’s message: {detail}',
    ja: 'StackBlitz を開けませんでした。接続を確認して、もう一度「StackBlitz で開く」を押してください。ブラウザーからのメッセージ：{detail}',
  },
  'playground.loadClient': { en: 'Load client', ja: '負荷クライアント' },
  'playground.error.load': {
    en: 'The playground files could not be loaded. Check the connection and try again.',
    ja: 'プレイグラウンドのファイルを読み込めませんでした。接続を確認して、もう一度試してください。',
  },

  // A playground's output pane: the line each trace event becomes (src/client/describe-event.ts). Terse log lines;
  // `{…}` are numbers in ms, names and details from the playground's own code.
  'output.ready': { en: 'listening on http://127.0.0.1:{port}', ja: 'http://127.0.0.1:{port} で待ち受けを開始' },
  // `{runtime}`: "Node v22.22.0", or output.runtimeWebContainer when it runs in WebContainer.
  'output.readyOn': {
    en: 'listening on http://127.0.0.1:{port} ({runtime})',
    ja: 'http://127.0.0.1:{port} で待ち受けを開始（{runtime}）',
  },
  'output.runtimeWebContainer': { en: 'Node {node}, WebContainer {webcontainer}', ja: 'Node {node}、WebContainer {webcontainer}' },
  'output.loopDelay': { en: 'event loop stuck for up to {max} ms', ja: 'イベントループが最大 {max} ms 止まりました' },
  'output.unsupported': { en: '{feature} is not supported here ({detail})', ja: '{feature} はここでは使えません（{detail}）' },
  // `{feature}` and `{chosen}` are the event's own names (sync-request, shared-buffer); `{detail}` says why.
  'output.mechanism': { en: '{feature}: uses {chosen}', ja: '{feature}：{chosen} を使います' },
  'output.mechanismDetail': { en: '{feature}: uses {chosen} ({detail})', ja: '{feature}：{chosen} を使います（{detail}）' },
  'output.request': {
    en: '{target} {method} {path} @{offset} ms: {outcome} in {duration} ms',
    ja: '{target} {method} {path} @{offset} ms：{outcome}（{duration} ms）',
  },
  'output.requestServedBy': {
    en: '{target} {method} {path} @{offset} ms: {outcome} in {duration} ms by {servedBy}',
    ja: '{target} {method} {path} @{offset} ms：{outcome}（{duration} ms、{servedBy} が応答）',
  },
  'output.span': { en: '{name}: {duration} ms', ja: '{name}：{duration} ms' },
  'output.spanDetail': { en: '{name}: {duration} ms ({detail})', ja: '{name}：{duration} ms（{detail}）' },
  'output.done': { en: '{count} requests done', ja: 'リクエスト {count} 件が完了' },
  // What a runtime says about a process (src/runner/protocol.ts, ProcessNotice), between its own lines: who says
  // it (output.noticeFrom.<runtime kind>), then what.
  'output.noticeFrom.local': { en: '[local runner]', ja: '[ローカルランナー]' },
  'output.noticeFrom.webcontainer': { en: '[in-browser Node]', ja: '[ブラウザー内の Node]' },
  'output.noticeFrom.node': { en: '[Node]', ja: '[Node]' },
  'output.notice.start-failed': {
    en: 'could not start this process: {detail}',
    ja: 'このプロセスを起動できませんでした：{detail}',
  },
  'output.notice.time-limit': {
    en: 'stopped this process: it ran longer than the {seconds} s limit',
    ja: 'このプロセスを停止しました：制限時間の {seconds} 秒を超えました',
  },
  'output.notice.restarted': {
    en: 'this process did not stop within {seconds} s of being asked (a busy loop ignores it), so the runtime was shut down; the next Run starts a fresh one',
    ja: '停止を求めてから {seconds} 秒以内に止まらなかったため（ビジーループは停止要求に応えません）、ランタイムを終了しました。次の実行では新しく起動します',
  },
  'output.notice.output-limit': {
    en: 'output limit of {bytes} bytes reached; the rest is dropped',
    ja: '出力が上限の {bytes} バイトに達したため、以降は表示しません',
  },

  // The timeline figure (src/playground/timeline.ts) and its table; `{…}` are filled in by its renderers.
  'timeline.title': { en: 'Timeline of the run', ja: '実行のタイムライン' },
  'timeline.empty': {
    en: 'No events yet: run the playground to draw its timeline.',
    ja: 'まだイベントがありません。プレイグラウンドを実行すると、タイムラインが描かれます。',
  },
  'timeline.axis': { en: 'Time since the run began (ms)', ja: '実行開始からの経過時間（ms）' },
  'timeline.legendQueued': { en: 'queued', ja: '送信待ち' },
  'timeline.legendWaiting': { en: 'waiting for the response', ja: '応答待ち' },
  'timeline.legendReceiving': { en: 'receiving', ja: '受信中' },
  'timeline.legendFailed': { en: 'failed or error status', ja: '失敗・エラー応答' },
  'timeline.legendSpan': { en: 'timed step', ja: '計測した処理' },
  'timeline.legendDelay': { en: 'event loop delay', ja: 'イベントループ遅延' },
  'timeline.legendLog': { en: 'printed line (listed below)', ja: '出力（下に一覧）' },
  'timeline.routeSummary': {
    en: '{request} · {count} × · median {median}, max {max}',
    ja: '{request}・{count} 件・中央値 {median}、最大 {max}',
  },
  'timeline.delayHeading': { en: 'Event loop delay (longest {max})', ja: 'イベントループ遅延（最大 {max}）' },
  'timeline.delayUnsupported': {
    en: 'Event loop delay: not measurable in this runtime',
    ja: 'イベントループ遅延：この実行環境では計測できません',
  },
  'timeline.descRoute': { en: 'Median latency of {request}: {list}.', ja: '{request} の応答時間の中央値は、{list} です。' },
  'timeline.descDelay': { en: 'Longest event loop delay: {list}.', ja: 'イベントループ遅延の最大値は、{list} です。' },
  'timeline.descSpans': { en: '{process}: {list}.', ja: '{process}の処理時間は、{list} です。' },
  'timeline.listSeparator': { en: ', ', ja: '、' },
  'timeline.ms': { en: '{value} ms', ja: '{value} ms' },
  'timeline.tableCaption': { en: 'Every request of the run, by server.', ja: 'この実行のすべてのリクエストを、サーバーごとに示します。' },
  'timeline.colServer': { en: 'Server', ja: 'サーバー' },
  'timeline.colRequest': { en: 'Request', ja: 'リクエスト' },
  'timeline.colOffset': { en: 'Planned at', ja: '送信予定' },
  'timeline.colWaited': { en: 'Queued', ja: '送信待ち' },
  'timeline.colLatency': { en: 'Latency', ja: '応答時間' },
  'timeline.colOutcome': { en: 'Status (served by)', ja: 'ステータス（応答したプロセス）' },
  'timeline.servedBy': { en: '{status} (by {servedBy})', ja: '{status}（{servedBy}）' },
  'timeline.spanTableCaption': { en: 'Every timed step of the run, by process.', ja: 'この実行で計測した処理を、プロセスごとに示します。' },
  'timeline.colProcess': { en: 'Process', ja: 'プロセス' },
  'timeline.colSpan': { en: 'Step', ja: '処理' },
  'timeline.colStart': { en: 'Started at', ja: '開始時刻' },
  'timeline.colDuration': { en: 'Duration', ja: '所要時間' },
  'timeline.logsLabel': { en: 'Printed lines', ja: '出力' },
  'timeline.detailsRequests': { en: 'Requests as a table', ja: 'リクエストの一覧（表）' },
  'timeline.detailsSpans': { en: 'Timed steps as a table', ja: '処理時間の一覧（表）' },
} as const satisfies Strings;

export type UiKey = keyof typeof ui;

export function t(locale: Locale, key: UiKey, params: Record<string, string | number> = {}): string {
  return ui[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Narrows any locale-ish value (Astro.currentLocale, a URL segment, navigator.language) to ours. */
export function toLocale(value: string | undefined | null): Locale {
  return value?.toLowerCase().startsWith('ja') ? 'ja' : defaultLocale;
}
