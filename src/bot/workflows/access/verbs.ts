/** The card verbs of GDAP day two: security groups, access assignments, templates. */
export const ACCESS_VERBS = {
  groupForm: 'groups.form',
  groupSave: 'groups.save',
  accessForm: 'access.form',
  accessAssign: 'access.assign',
  accessBack: 'access.back',
  templateForm: 'templates.form',
  templateSave: 'templates.save',
  templateRequest: 'templates.request',
  templateBulkForm: 'templates.bulk.form',
  templateBulkReview: 'templates.bulk.review',
  templateBulkRun: 'templates.bulk.run',
  templateBulkBack: 'templates.bulk.back',
} as const;
