import { it } from 'vitest';
import { proveClaim } from './prove-claim.ts';

it('cluster-workers: a blocked worker delays only the /health dealt to it; async workers delay none', async () => {
  await proveClaim('cluster-workers');
});
