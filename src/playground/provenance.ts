// Where a figure's numbers came from, in the reader's language: the recording (Node, OS, CPUs, date), or a live run
// in the reader's browser (WebContainer) or on their machine (the local runner), with the Node that ran it and the
// way each synchronous call was made there. Pure (no DOM, no `node:`): the build writes the reference run's caption
// into the page, the island rewrites the caption as a live run's events arrive, and the opt-in WebContainer suite
// checks a real run's caption with the same functions.
import { t, type Locale, type UiKey } from '../i18n/ui.ts';
import { MECHANISM_CHOICES, MECHANISM_FEATURES, type MechanismChoice, type MechanismFeature, type TraceEvent } from './events.ts';
import type { RuntimeKind } from './runtime/types.ts';

// The protocol's own lists (events.ts): what a playground makes synchronously, and how this run made it.
export type { MechanismChoice, MechanismFeature };

export interface MechanismUse {
  /** The process that reported it (a pool's workers report as their process). */
  proc: string;
  feature: MechanismFeature;
  chosen: MechanismChoice;
  /** The playground's own words, in English: for the report, not the caption. */
  detail?: string;
}

export interface RunProvenance {
  /** `process.version` as the run's servers report it in their `ready` events; absent when none did. */
  node?: string;
  /** `process.versions.webcontainer`, set only inside WebContainer. */
  webcontainer?: string;
  /** Each (process, feature, choice) once, in the order first reported. */
  mechanisms: MechanismUse[];
}

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

/**
 * What the run's own events say about the runtime. Read field by field rather than through the event types:
 * `ready.node`, `ready.webcontainer` and `mechanism` events are optional parts of the protocol, and a run from a
 * playground that prints none of them (or a reference recorded before they existed) simply has none to show.
 */
export function provenanceOf(events: readonly TraceEvent[]): RunProvenance {
  const provenance: RunProvenance = { mechanisms: [] };
  const seen = new Set<string>();
  for (const event of events) {
    const fields = event as unknown as Record<string, unknown>;
    if (fields.type === 'ready') {
      if (provenance.node === undefined && typeof fields.node === 'string') provenance.node = fields.node;
      if (provenance.webcontainer === undefined && typeof fields.webcontainer === 'string') provenance.webcontainer = fields.webcontainer;
    } else if (fields.type === 'mechanism' && isOneOf(MECHANISM_FEATURES, fields.feature) && isOneOf(MECHANISM_CHOICES, fields.chosen)) {
      const key = `${event.proc}\u0000${fields.feature}\u0000${fields.chosen}`;
      if (seen.has(key)) continue;
      seen.add(key);
      provenance.mechanisms.push({
        proc: event.proc,
        feature: fields.feature,
        chosen: fields.chosen,
        ...(typeof fields.detail === 'string' ? { detail: fields.detail } : {}),
      });
    }
  }
  return provenance;
}

// ---------------------------------------------------------------------------------------------------------------
// Captions.

/** A process as a caption names it: the manifest's label in the page's language. */
export interface NamedProcess {
  id: string;
  label: string;
}

const FEATURE: Record<MechanismFeature, UiKey> = {
  'sync-request': 'provenance.feature.syncRequest',
  'sync-sleep': 'provenance.feature.syncSleep',
};

// The pairs the playgrounds make; any other pair is named by its identifier rather than dropped.
const HOW: Partial<Record<`${MechanismFeature}/${MechanismChoice}`, UiKey>> = {
  'sync-request/message-port': 'provenance.how.requestMessagePort',
  'sync-request/shared-buffer': 'provenance.how.requestSharedBuffer',
  'sync-request/busy-wait': 'provenance.how.requestBusyWait',
  'sync-sleep/atomics-wait': 'provenance.how.sleepAtomicsWait',
  'sync-sleep/busy-wait': 'provenance.how.sleepBusyWait',
};

/** Sentences follow one another with a space in English and with none in Japanese. */
const sentenceGap = (locale: Locale) => (locale === 'ja' ? '' : ' ');

/** One sentence per feature and choice: which processes made their synchronous call how. */
export function mechanismSentences(mechanisms: readonly MechanismUse[], processes: readonly NamedProcess[], locale: Locale): string[] {
  const groups = new Map<string, { feature: MechanismFeature; chosen: MechanismChoice; procs: string[] }>();
  for (const use of mechanisms) {
    const key = `${use.feature}/${use.chosen}`;
    const group = groups.get(key) ?? { feature: use.feature, chosen: use.chosen, procs: [] };
    if (!group.procs.includes(use.proc)) group.procs.push(use.proc);
    groups.set(key, group);
  }
  const position = (proc: string) => {
    const index = processes.findIndex((process) => process.id === proc);
    return index < 0 ? processes.length : index;
  };
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  return [...groups.values()].map(({ feature, chosen, procs }) => {
    const names = [...procs]
      .sort((a, b) => position(a) - position(b))
      .map((proc) => t(locale, 'provenance.processName', { name: processes.find((process) => process.id === proc)?.label ?? proc }));
    const how = HOW[`${feature}/${chosen}`];
    return t(locale, 'provenance.mechanism', {
      feature: t(locale, FEATURE[feature]),
      processes: list.format(names),
      how: how ? t(locale, how) : t(locale, 'provenance.how.other', { chosen }),
    });
  });
}

function withMechanisms(first: string, events: readonly TraceEvent[], processes: readonly NamedProcess[], locale: Locale): string {
  const sentences = mechanismSentences(provenanceOf(events).mechanisms, processes, locale);
  return [first, ...sentences].join(sentenceGap(locale));
}

/** The parts of `reference.json` its caption names. */
export interface RecordedRun {
  node: string;
  os: { platform: string };
  cpus: { count: number };
  /** ISO 8601; the caption shows its date. */
  recordedAt: string;
  events: readonly TraceEvent[];
}

/** The caption under the reference run: recorded on which Node, OS and CPUs, when, and how its calls were made. */
export function referenceCaption(reference: RecordedRun | null, processes: readonly NamedProcess[], locale: Locale): string {
  if (reference === null) return t(locale, 'playground.noReference');
  const recorded = t(locale, 'playground.referenceCaption', {
    node: reference.node,
    os: reference.os.platform,
    cpus: reference.cpus.count,
    date: reference.recordedAt.slice(0, 10),
  });
  return withMechanisms(recorded, reference.events, processes, locale);
}

/** The runtime a live run used, as its caption names it: where, and the Node there when the run reported it. */
export function runtimeText(runtime: RuntimeKind, node: string | undefined, locale: Locale): string {
  if (node === undefined) return t(locale, runtime === 'webcontainer' ? 'playground.runtime.webcontainer' : 'playground.runtime.local');
  return t(locale, runtime === 'webcontainer' ? 'playground.runtime.webcontainerNode' : 'playground.runtime.localNode', { node });
}

export type LiveOutcome = 'running' | 'done' | 'stopped' | 'failed';

export interface LiveRun {
  runtime: RuntimeKind;
  outcome: LiveOutcome;
  /** When the run started, already formatted for the page's language. */
  date: string;
  /** The events so far: the caption grows as `ready` and `mechanism` events arrive. */
  events: readonly TraceEvent[];
}

const LIVE_CAPTION: Record<LiveOutcome, UiKey> = {
  running: 'playground.liveCaption',
  done: 'playground.liveCaption',
  stopped: 'playground.liveCaptionStopped',
  failed: 'playground.liveCaptionFailed',
};

/** The caption under a live run: the reader's run, where it ran and on which Node, whether it finished, and how. */
export function liveCaption(run: LiveRun, processes: readonly NamedProcess[], locale: Locale): string {
  const first = t(locale, LIVE_CAPTION[run.outcome], {
    runtime: runtimeText(run.runtime, provenanceOf(run.events).node, locale),
    date: run.date,
  });
  return withMechanisms(first, run.events, processes, locale);
}
