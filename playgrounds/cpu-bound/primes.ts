// The CPU work: count the primes below a limit by trial division. No I/O, nothing to await: pure computation,
// which `async` cannot make any shorter. Each /work request does one count.
export const LIMIT = 1_500_000;

export function countPrimes(limit: number): number {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let divisor = 2; divisor * divisor <= n; divisor++) {
      if (n % divisor === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}
