import { z } from 'zod';
import { optionalDate, optionalText } from '../http/schemas.js';

export const POLICE_STATUSES = ['offered', 'declined', 'filed'] as const;
export const FILED_BY = ['reporter', 'employer'] as const;
const choose = { error: 'validation.choose' } as const;

/** Offered / declined (with reason) / filed (by the reporter, or by the employer with its address). */
export const PoliceReportInput = z
  .object({
    status: z.enum(POLICE_STATUSES, choose),
    offeredOn: optionalDate,
    declinedReason: optionalText(2000),
    filedOn: optionalDate,
    filedBy: z
      .union([z.literal('').transform(() => undefined), z.enum(FILED_BY, choose)])
      .optional(),
    employerAddress: optionalText(500),
    policeReference: optionalText(100),
    followUp: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    const need = (path: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message: 'validation.required' });
    if (v.status === 'declined' && !v.declinedReason) need('declinedReason');
    if (v.status === 'filed') {
      if (!v.filedOn) need('filedOn');
      if (!v.filedBy)
        ctx.addIssue({ code: 'custom', path: ['filedBy'], message: 'validation.choose' });
      if (v.filedBy === 'employer' && !v.employerAddress) need('employerAddress');
    }
  });
export type PoliceReportInput = z.infer<typeof PoliceReportInput>;

export const BundleInput = z.object({
  attachments: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().uuid()),
  ),
});
