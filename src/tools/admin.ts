import { Cloud, OrganizationKind } from '../domain/model.js';
import { loadConfig, loadDotEnv } from '../config.js';
import { EnrollmentService } from '../services/two-tier/enrollment.js';
import { Notifier } from '../services/outbox/notifications.js';
import { OrganizationClaimService } from '../services/invitations/organization-claim.js';
import { createLogger, silentLogger } from '../logging/logger.js';
import { describeFailed, failedNotifications, retryFailed } from './notification-admin.js';
import { describeRefusal } from '../cards/refusal.js';
import { translator } from '../i18n/i18n.js';
import { audit } from '../services/audit.js';
import { openLowdbStore } from '../store/lowdb-store.js';
import { openConfiguredStore } from '../store/open-store.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { copyStore, CopyRefusedError, describeCopy } from './copy-store.js';
import { ConflictError, identityKey, type Store } from '../store/store.js';

export const USAGE = `Partner Desk operator commands (stop the bot first: one process owns the data file)

  npm run admin -- orgs
  npm run admin -- register-org --tenant <id> --name <name> --domain <domain> --country <XX> --cloud <public|usgov|germany|china> --kind <customer|direct-reseller|indirect-reseller|indirect-provider>
  npm run admin -- grant-admin --tenant <id> --aad <object id> --name <full name> --email <email>
  npm run admin -- enrollments
  npm run admin -- review-enrollment <id> --approve
  npm run admin -- review-enrollment <id> --reject --reason "<why>"
  npm run admin -- notifications --failed
  npm run admin -- retry-notification <id>
  npm run admin -- retry-notification --all-failed
  npm run admin -- undo-claim --tenant <id>
  npm run admin -- copy-store --to postgres      (STORE_FILE into the empty database at DATABASE_URL)`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function required(args: string[], name: string): string {
  const value = option(args, name)?.trim();
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

export class UsageError extends Error {}

const OPERATOR = { userId: 'operator', name: 'Partner Desk operator', tenantId: 'operator' };

/** Runs one operator command against the store; returns what to print. Throws UsageError on bad input. */
export async function runAdmin(args: string[], store: Store, now: () => Date = () => new Date()): Promise<string> {
  const [command, ...rest] = args;
  switch (command) {
    case 'orgs': {
      const orgs = await store.all('organizations');
      return orgs
        .map(
          (o) =>
            `${o.tenantId}  ${o.kind.padEnd(18)} ${o.countryRegion} ${o.cloud.padEnd(7)} ${o.name} (${o.primaryDomain})`,
        )
        .join('\n');
    }
    case 'register-org': {
      const tenantId = required(rest, 'tenant').toLowerCase();
      const cloud = Cloud.safeParse(required(rest, 'cloud'));
      const kind = OrganizationKind.safeParse(required(rest, 'kind'));
      if (!cloud.success) throw new UsageError(`--cloud must be one of ${Cloud.options.join(', ')}`);
      if (!kind.success) throw new UsageError(`--kind must be one of ${OrganizationKind.options.join(', ')}`);
      const country = required(rest, 'country').toUpperCase();
      if (!/^[A-Z]{2}$/.test(country)) throw new UsageError('--country must be two letters, like US');
      const domain = required(rest, 'domain').toLowerCase();
      if ((await store.findBy('organizations', 'domain', domain)).length)
        throw new UsageError(`${domain} is already registered`);
      try {
        await store.transaction((tx) => {
          const org = tx.insert('organizations', {
            id: tenantId,
            tenantId,
            name: required(rest, 'name'),
            primaryDomain: domain,
            countryRegion: country,
            cloud: cloud.data,
            kind: kind.data,
            createdAt: now().toISOString(),
          });
          audit(tx, now(), {
            actor: OPERATOR,
            action: 'organization.registered',
            target: { type: 'organization', id: org.id },
            tenantIds: [org.tenantId],
          });
        });
      } catch (error) {
        if (error instanceof ConflictError) throw new UsageError(`tenant ${tenantId} is already registered`);
        throw error;
      }
      return `Registered ${required(rest, 'name')} (${tenantId}). Next: grant-admin --tenant ${tenantId} …`;
    }
    case 'grant-admin': {
      const tenantId = required(rest, 'tenant').toLowerCase();
      const org = await store.get('organizations', tenantId);
      if (!org) throw new UsageError(`tenant ${tenantId} is not registered: register-org first`);
      const aadObjectId = required(rest, 'aad').toLowerCase();
      const email = required(rest, 'email').toLowerCase();
      if ((await store.findBy('users', 'email', email)).length) throw new UsageError(`${email} is already a user`);
      if ((await store.findBy('users', 'identity', identityKey(tenantId, aadObjectId))).length) {
        throw new UsageError(`${aadObjectId} is already a user of ${org.name}`);
      }
      await store.transaction((tx) => {
        const user = tx.insert('users', {
          id: `${tenantId}/${aadObjectId}`,
          tenantId,
          aadObjectId,
          name: required(rest, 'name'),
          email,
          roles:
            org.kind === 'customer'
              ? { side: 'customer', admin: ['global-admin'] }
              : { side: 'partner', agent: 'admin-agent', admin: 'global-admin' },
          createdAt: now().toISOString(),
        });
        audit(tx, now(), {
          actor: OPERATOR,
          action: 'user.added',
          target: { type: 'user', id: user.id },
          tenantIds: [tenantId],
        });
      });
      return `${required(rest, 'name')} is now a global admin of ${org.name}.`;
    }
    case 'enrollments': {
      const all = await store.all('enrollments');
      if (all.length === 0) return 'No enrolment applications.';
      return all
        .map((e) => `${e.id}  ${e.status.padEnd(22)} ${e.legalName}  MPN ${e.mpnId}  contact ${e.primaryContact.email}`)
        .join('\n');
    }
    case 'review-enrollment': {
      const id = rest[0];
      if (!id || id.startsWith('--')) throw new UsageError('give the application id: review-enrollment <id> --approve');
      const approve = rest.includes('--approve');
      const reject = rest.includes('--reject');
      if (approve === reject) throw new UsageError('choose --approve or --reject');
      const reason = option(rest, 'reason');
      if (reject && !reason)
        throw new UsageError('--reason is required when rejecting: the primary contact is told why');
      const config = loadConfig({ ...process.env, MicrosoftAppId: '' });
      // Only queues: the bot's own process delivers the notification and logs how that went.
      const notifier = new Notifier(store, { clock: now, logger: silentLogger });
      // Warnings (a primary contact who left) go to the operator's terminal as log lines.
      const service = new EnrollmentService(store, notifier, now, config.defaultLanguage, createLogger('warn'));
      const reviewed = await service.review(id, approve ? 'approved' : 'rejected', OPERATOR.name, reason);
      if (!reviewed.ok) throw new UsageError(describeRefusal(reviewed.refusal, translator('en')));
      return `Application ${id} is ${reviewed.value.status}; the primary contact will be told in Teams when the bot runs.`;
    }
    case 'notifications': {
      if (!rest.includes('--failed')) throw new UsageError('notifications --failed lists what the bot gave up on');
      return describeFailed(await failedNotifications(store));
    }
    case 'retry-notification': {
      const all = rest.includes('--all-failed');
      const id = rest.find((a) => !a.startsWith('--'));
      if (all === (id !== undefined)) throw new UsageError('give one notification id, or --all-failed');
      const retried = await retryFailed(store, all ? 'all' : [id!], now());
      if (!all && retried.length === 0) throw new UsageError(`notification ${id} is not a failed notification`);
      return `${retried.length} notification(s) pending again; the bot sends them on its next run.`;
    }
    case 'undo-claim': {
      const tenantId = required(rest, 'tenant').toLowerCase();
      // The undo tells nobody in Teams: the claimant is no longer a user to reach, the operator tells the partner.
      const service = new OrganizationClaimService(
        store,
        new Notifier(store, { clock: now, logger: silentLogger }),
        now,
        'en',
      );
      const undone = await service.undo(tenantId);
      if (!undone.ok) throw new UsageError(describeRefusal(undone.refusal, translator('en')));
      const { organization, removedUsers } = undone.value;
      return `Claim of ${organization.name} by tenant ${tenantId} undone: ${removedUsers} user(s) removed; the organisation is unclaimed again as ${organization.tenantId}.`;
    }
    default:
      throw new UsageError(USAGE);
  }
}

/** copy-store: the embedded store of STORE_FILE into the PostgreSQL database of DATABASE_URL. */
export async function runCopyStore(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  if (option(args, 'to') !== 'postgres') throw new UsageError('copy-store --to postgres is the one copy there is');
  const config = loadConfig({ ...env, MicrosoftAppId: '', STORE: 'postgres' });
  if (config.store.kind !== 'postgres') throw new UsageError('DATABASE_URL is required');
  const source = await openLowdbStore({ file: config.storeFile });
  try {
    const target = await openPostgresStore({ url: config.store.url });
    try {
      return describeCopy(await copyStore(source, target), target.target);
    } catch (error) {
      if (error instanceof CopyRefusedError) throw new UsageError(error.message);
      throw error;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  loadDotEnv();
  const args = process.argv.slice(2);
  (async () => {
    if (args[0] === 'copy-store') {
      console.log(await runCopyStore(args.slice(1), process.env));
      return;
    }
    const store = await openConfiguredStore(loadConfig({ ...process.env, MicrosoftAppId: '' }).store);
    try {
      console.log(await runAdmin(args, store));
    } finally {
      await store.close();
    }
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
