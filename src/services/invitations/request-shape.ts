import { mayCombine } from '../../domain/relationship-types.js';
import { refuse, type Outcome } from '../outcome.js';
import type { InvitationRequest } from './invitations.js';

/** What is wrong with a request whatever the organisations: its types together, its roles and their auto-extend. */
export function requestShapeRefusal(request: InvitationRequest): Outcome<never> | undefined {
  const access = request.adminAccess;
  if (access?.autoExtend && access.roles.includes('global-administrator'))
    return refuse('auto-extend-with-global-admin');
  if (!mayCombine(request.relationshipTypes))
    return refuse('types-not-combinable', { types: request.relationshipTypes.join(',') });
  if (request.relationshipTypes.includes('delegated-admin') !== (access !== null))
    return refuse('delegated-admin-type-mismatch');
  return undefined;
}
