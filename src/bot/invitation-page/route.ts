import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { Language } from '../../domain/model.js';
import { translator } from '../../i18n/i18n.js';
import { describeError, type Logger } from '../../logging/logger.js';
import { invitationViewFor, liveInvitationByCode } from '../../services/invitations/invitation-lookup.js';
import { formatCode } from '../../services/invitations/invitation-token.js';
import type { StoreReader } from '../../store/store.js';
import { CONTENT_SECURITY_POLICY } from './html.js';
import { invitationPage, neutralPage } from './invitation-page.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';

export interface InvitationPageDeps {
  store: StoreReader;
  clock: () => Date;
  logger: Logger;
  defaultLanguage: Language;
  /** The bot's Microsoft app id, for the Teams link; empty in local mode. */
  appId: string;
  rateLimit: RateLimit;
}

const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
} as const;

/** The customer's preferred language of ours in an Accept-Language header (`es-ES,es;q=0.9,en;q=0.8`). */
export function languageFromHeader(header: string | undefined, fallback: Language): Language {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { base: tag.trim().slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter(({ base, q }) => (base === 'en' || base === 'es') && q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.base as Language | undefined) ?? fallback;
}

/**
 * `GET /invite/<code>`: the personalised link from the partner's email. A live invitation shows what the
 * Accept & Authorize card shows and how to open it in Teams; every other code gets one neutral page.
 */
export function invitationPageRoute(deps: InvitationPageDeps): (server: restify.Server) => void {
  const limiter = new RateLimiter(deps.rateLimit);
  const log = deps.logger.child({ component: 'invitation-page' });
  return (server) => {
    server.get('/invite/:token', async (req: Request, res: Response) => {
      const tr = translator(languageFromHeader(req.headers['accept-language'], deps.defaultLanguage));
      const send = (status: number, body: string, extra: Record<string, string> = {}) => {
        res.writeHead(status, { ...HEADERS, ...extra });
        res.end(body);
      };
      // The code is the secret a guesser is after: never logged, only what became of the request.
      if (!limiter.take(req.socket.remoteAddress ?? 'unknown')) {
        log.warn('invitation page rate-limited', { outcome: 'limited' });
        return send(429, neutralPage(tr, 'tooMany'), { 'Retry-After': '60' });
      }
      try {
        const now = deps.clock();
        const pasted = String(req.params?.token ?? '');
        const invitation = await liveInvitationByCode(deps.store, pasted, now);
        const view = invitation ? await invitationViewFor(deps.store, invitation) : undefined;
        if (!view) {
          log.info('invitation page', { outcome: 'neutral' });
          return send(404, neutralPage(tr));
        }
        log.info('invitation page', { outcome: 'shown', invitationId: view.invitation.id });
        const code = formatCode(pasted.replace(/[\s-]/g, '').toUpperCase());
        return send(200, invitationPage(view, { tr, now, appId: deps.appId, code }));
      } catch (error) {
        log.error('invitation page failed', { error: describeError(error) });
        return send(500, neutralPage(tr));
      }
    });
  };
}
