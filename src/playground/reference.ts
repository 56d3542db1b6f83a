// The schema of `playgrounds/<id>/reference.json`: one run recorded in real Node by `npm run record`, shown as
// the result until the reader runs the playground, and re-checked by the tests against the playground's claim.
import { z } from 'astro/zod';
import { isTraceEvent, type TraceEvent } from './events.ts';

export const REFERENCE_SCHEMA_VERSION = 1;

const eventSchema = z.custom<TraceEvent>(isTraceEvent, 'is not a version-1 trace event');

export const referenceSchema = z
  .object({
    schema: z.literal(REFERENCE_SCHEMA_VERSION),
    playground: z.string().min(1),
    recordedAt: z.iso.datetime(),
    /** `process.version` of the Node that ran it. */
    node: z.string().regex(/^v\d+\.\d+\.\d+/),
    os: z.object({ platform: z.string(), release: z.string(), arch: z.string() }).strict(),
    cpus: z.object({ count: z.number().int().min(1), model: z.string() }).strict(),
    /** Every event every process printed, in the order they were read. */
    events: z.array(eventSchema).min(1),
  })
  .strict();

export type Reference = z.infer<typeof referenceSchema>;

export function parseReference(value: unknown, file: string): Reference {
  const result = referenceSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new Error(problems.join('\n'));
}
