import { z } from 'zod';
import { optionalText, text } from '../http/schemas.js';

/** A safety plan for a reporter at risk at home: what to keep ready, whom to call, safe contact moments. */
export const SafetyPlanInput = z.object({
  keepReady: text(4000),
  whomToCall: text(4000),
  safeMoments: text(2000),
  otherAgreements: optionalText(4000),
});
export type SafetyPlanInput = z.infer<typeof SafetyPlanInput>;
