import { z } from 'zod';
import { plainName, plainText } from './text.js';

/** The largest comment an approver may add: a reason, not a letter. */
export const MAX_FOUR_EYES_COMMENT = 500;

/** A second partner admin's decision on a request that includes Global Administrator, with their comment. */
export const FourEyesDecision = z.object({
  userId: z.string().min(1),
  name: z.string().transform(plainName).pipe(z.string().min(1)),
  tenantId: z.string().min(1),
  at: z.string().datetime(),
  comment: z.string().transform(plainText).pipe(z.string().max(MAX_FOUR_EYES_COMMENT)).optional(),
});
export type FourEyesDecision = z.infer<typeof FourEyesDecision>;

/** Four-eyes policy on one invitation: whether it needs a second admin, and their decision once made. */
export const FourEyes = z
  .object({
    required: z.boolean(),
    approvedBy: FourEyesDecision.optional(),
    /** A rejected request is cancelled: it never goes out. */
    rejectedBy: FourEyesDecision.optional(),
  })
  .default({ required: false });
export type FourEyes = z.infer<typeof FourEyes>;

export type FourEyesVerdict = 'approve' | 'reject';

/** The decision a request carries, whichever it was. */
export function fourEyesDecision(fourEyes: FourEyes): { verdict: FourEyesVerdict; by: FourEyesDecision } | undefined {
  if (fourEyes.approvedBy) return { verdict: 'approve', by: fourEyes.approvedBy };
  if (fourEyes.rejectedBy) return { verdict: 'reject', by: fourEyes.rejectedBy };
  return undefined;
}
