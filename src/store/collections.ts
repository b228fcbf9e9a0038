import type { z } from 'zod';
import {
  AgreementAcceptance,
  AuditEvent,
  Enrollment,
  Invitation,
  Lead,
  Organization,
  Relationship,
  User,
} from '../domain/model.js';
import { PartnerOfRecord } from '../domain/partner-of-record.js';
import { Purchase, Trial } from '../domain/offers.js';
import {
  ConversationRecord,
  DownloadRecord,
  NotificationRecord,
  ProcessedActivity,
  ReminderRecord,
  StateRecord,
} from './runtime-records.js';
import type { CollectionName } from './store.js';
import { AccessAssignment, AccessTemplate, SecurityGroup } from '../domain/access.js';
import { CustomerRequest } from '../domain/customer-request.js';

/** The zod schema every record of a collection must satisfy, on load and on every write. */
export const SCHEMAS: { [C in CollectionName]: z.ZodType } = {
  organizations: Organization,
  users: User,
  invitations: Invitation,
  relationships: Relationship,
  agreements: AgreementAcceptance,
  leads: Lead,
  auditEvents: AuditEvent,
  enrollments: Enrollment,
  partnersOfRecord: PartnerOfRecord,
  trials: Trial,
  purchases: Purchase,
  conversations: ConversationRecord,
  state: StateRecord,
  activities: ProcessedActivity,
  notifications: NotificationRecord,
  reminders: ReminderRecord,
  downloads: DownloadRecord,
  securityGroups: SecurityGroup,
  accessAssignments: AccessAssignment,
  accessTemplates: AccessTemplate,
  customerRequests: CustomerRequest,
};

export const COLLECTION_NAMES = Object.keys(SCHEMAS) as CollectionName[];
