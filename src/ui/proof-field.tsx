import type { Challenge } from 'altcha-lib/v1/types';
import { ASSET_VERSION } from './assets.js';
import type { ViewContext } from '../server/http/env.js';

/**
 * The proof of work of decision 025: a hidden field that /assets/proof-of-work.js fills in
 * before the form is sent. Without JavaScript it stays empty and the form still works, within
 * the stricter no-script budget. The status line tells a screen-reader user what is happening.
 */
export function ProofField({ ctx, challenge }: { ctx: ViewContext; challenge: Challenge }) {
  return (
    <>
      <input
        type="hidden"
        name="proof"
        value=""
        data-proof-challenge={JSON.stringify(challenge)}
        data-proof-busy={ctx.t('proof.busy')}
      />
      <p class="proof-status" role="status" aria-live="polite" data-proof-status></p>
      <script src={`/assets/proof-of-work.js?v=${ASSET_VERSION}`} defer></script>
    </>
  );
}
