import { z } from 'zod';
import { REPORT_FORMATS } from './report-export.js';

/** The report page's choice: a team key (one of the user's) and a year; both optional on first view. */
export const ReportQuery = z.object({
  team: z.string().max(64).optional(),
  year: z
    .string()
    .regex(/^\d{4}$/, { error: 'validation.reportYear' })
    .transform(Number)
    .optional(),
});

export const ReportDownloadQuery = z.object({
  team: z.string().max(64),
  year: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number),
  format: z.enum(REPORT_FORMATS),
});

/** Last calendar year: the year an annual report is usually written about. */
export function defaultReportYear(today = new Date()): number {
  return today.getUTCFullYear() - 1;
}
