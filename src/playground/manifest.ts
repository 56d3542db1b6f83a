// The schema of `playgrounds/<id>/playground.json` (its fields are documented in playgrounds/README.md).
// A bad manifest throws with the file and the field named, and the build stops there.
import { z } from 'astro/zod';
import { processRole } from './scenario.ts';

const localized = z.object({ en: z.string().min(1), ja: z.string().min(1) }).strict();

// A file name next to playground.json: no folders, so a materialised playground is one flat folder.
const fileName = z.string().regex(/^[\w.-]+\.(ts|mjs|json)$/, 'must be a file name such as "server.ts", without folders');

const processSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
    label: localized,
    command: z
      .array(z.string().min(1))
      .min(2)
      .refine((argv) => argv[0] === 'node', 'must start with "node"')
      .refine((argv) => fileName.safeParse(argv[1]).success, 'its second item must be the file to run'),
    port: z.number().int().min(1024).max(65535).optional(),
    role: z.enum(['server', 'upstream', 'script']).optional(),
    env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/), z.string()).optional(),
  })
  .strict();

const scenarioEntrySchema = z
  .object({
    path: z.string().startsWith('/'),
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
    count: z.number().int().min(1).max(100),
    startMs: z.number().min(0).optional(),
    everyMs: z.number().min(0).optional(),
  })
  .strict();

const webcontainerSchema = z.discriminatedUnion('runs', [
  z.object({ runs: z.literal(false), why: localized }).strict(),
  z.object({ runs: z.literal(true), note: localized }).strict(),
]);

export const manifestSchema = z
  .object({
    title: localized,
    /** The one sentence a page makes about this playground; its test proves it. */
    claim: localized,
    /** The file the editor opens first. */
    main: fileName,
    /** Own files shown read-only as well. */
    readOnly: z.array(fileName).optional(),
    processes: z.array(processSchema).min(1),
    scenario: z.array(scenarioEntrySchema).optional(),
    fire: z.enum(['together', 'in-turn']).optional(),
    webcontainer: webcontainerSchema.optional(),
  })
  .strict()
  .superRefine((manifest, ctx) => {
    const ids = new Set<string>();
    const ports = new Set<number>();
    manifest.processes.forEach((spec, index) => {
      const issue = (field: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: ['processes', index, field], message });
      if (ids.has(spec.id)) issue('id', `"${spec.id}" is used twice`);
      ids.add(spec.id);
      if (spec.port !== undefined) {
        if (ports.has(spec.port)) issue('port', `${spec.port} is used twice`);
        ports.add(spec.port);
      }
      const role = processRole(spec);
      if (role !== 'script' && spec.port === undefined) issue('port', `a ${role} needs a port`);
      if (role === 'script' && spec.port !== undefined) issue('port', 'a script has no port');
    });
    const servers = manifest.processes.filter((spec) => processRole(spec) === 'server');
    if ((manifest.scenario?.length ?? 0) > 0 && servers.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['scenario'], message: 'there is no server to fire it at' });
    }
    if (manifest.fire !== undefined && manifest.scenario === undefined) {
      ctx.addIssue({ code: 'custom', path: ['fire'], message: 'only means something with a scenario' });
    }
  });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestProcess = Manifest['processes'][number];
export type Localized = z.infer<typeof localized>;

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** Validates parsed JSON; `file` names the manifest in the error, one line per problem. */
export function parseManifest(value: unknown, file: string): Manifest {
  const result = manifestSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
    return `${file}: ${field.replace(/^\./, '') || '(root)'}: ${issue.message}`;
  });
  throw new ManifestError(problems.join('\n'));
}
