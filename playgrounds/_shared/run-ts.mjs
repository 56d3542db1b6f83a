// Runs a TypeScript entry point (`node run-ts.mjs launch.ts`) with what this Node needs to understand it:
// nothing from Node 22.18 and 23.6 (types are stripped by default), a flag from 22.6, and below that `tsx`, the
// devDependency a fork on StackBlitz installs, whose Node may be 20. Plain JavaScript, so it starts on any of them.
// The launcher hands the same flags (process.execArgv) to every process it starts.
import { spawn } from 'node:child_process';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const flags = process.features.typescript
  ? []
  : major > 22 || (major === 22 && minor >= 6)
    ? ['--experimental-strip-types']
    : ['--import', 'tsx'];

const child = spawn(process.execPath, [...flags, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
