// Two calls that do not depend on each other, to a slow API (slow-api.ts, another process): the weather forecast
// takes 300 ms to answer, the exchange rate 200 ms. Awaited one after the other they cost the sum; started together
// and awaited with Promise.all they cost only the longest, because both waits overlap on one event loop.
import { log, now, span } from './trace.ts';

const api = `http://127.0.0.1:${process.env.SLOW_API_PORT ?? 3100}`;

async function call(phase: string, name: string, ms: number): Promise<unknown> {
  const start = now();
  const response = await fetch(`${api}/delay?ms=${ms}&name=${name}`);
  const body = await response.json();
  span(`${phase}: ${name}`, start);
  return body;
}

const loadForecast = (phase: string) => call(phase, 'forecast', 300);
const loadExchangeRate = (phase: string) => call(phase, 'rate', 200);

// The first request of a process pays for setting up fetch and a connection; pay it before measuring.
await fetch(`${api}/health`);

let start = now();
// `await` here means: do not even ask for the exchange rate until the forecast has arrived.
await loadForecast('one after the other');
await loadExchangeRate('one after the other');
span('one after the other', start);

start = now();
// Calling both functions sends both requests at once; Promise.all then waits for the slower one.
await Promise.all([loadForecast('together'), loadExchangeRate('together')]);
span('together (Promise.all)', start);

log('One after the other costs about 300 + 200 ms; together costs about 300 ms, the longer of the two.');
