import type { MessageKey } from '../../i18n/i18n.js';
import type { UploadProblem } from './upload-rules.js';

export const UPLOAD_PROBLEM_MESSAGE: Record<UploadProblem, MessageKey> = {
  type: 'upload.wrongType',
  size: 'upload.tooLarge',
  malformed: 'upload.malformed',
  count: 'upload.tooMany',
  limits: 'upload.tooComplex',
  busy: 'upload.busy',
};
