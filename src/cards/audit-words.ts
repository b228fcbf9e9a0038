import type { AuditEvent, Relationship, RelationshipType } from '../domain/model.js';
import { hasKey, type Translator } from '../i18n/i18n.js';

/** An audit action in words; one without words yet reads as a plain sentence, never as its internal code. */
export function describeAction(event: AuditEvent, tr: Translator): string {
  const key = `audit.${event.action}`;
  return hasKey(key) ? tr.t(key) : tr.t('audit.unknown');
}

/**
 * The types a relationship still has: once admin access has ended or been removed it is no longer a delegated
 * administrator relationship, unless that was all it ever was (its state then says it expired).
 */
export function liveRelationshipTypes(r: Relationship): readonly RelationshipType[] {
  if (!r.adminAccess?.removedAt) return r.types;
  const rest = r.types.filter((type) => type !== 'delegated-admin');
  return rest.length ? rest : r.types;
}
