// Loaded on its own by main.ts, because a runtime without `await using` rejects the whole file that contains it.
import { log } from './trace.ts';

function openConnection(name: string): AsyncDisposable {
  log(`${name}: open`);
  return {
    async [Symbol.asyncDispose]() {
      log(`${name}: closed by await using`);
    },
  };
}

export async function useConnection(): Promise<void> {
  {
    await using connection = openConnection('connection');
    log('block: uses the connection');
  }
  log('after the block: the connection is already closed');
}
