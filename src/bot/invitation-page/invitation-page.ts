import { invitationSummary, type InvitationView } from '../../cards/invitation-card.js';
import { daysLeft } from '../../domain/lifecycle.js';
import type { Translator } from '../../i18n/i18n.js';
import { html, page } from './html.js';

export interface PageContext {
  tr: Translator;
  now: Date;
  /** The bot's Microsoft app id; empty in local mode, where there is no Teams link. */
  appId: string;
  /** The invitation's code, grouped in fours, for the `accept` message. */
  code: string;
}

/** A chat with the bot in Teams (the bot's id is its Microsoft app id, prefixed 28:). */
export function teamsChatLink(appId: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(`28:${appId}`)}`;
}

/** The invitation as the Accept & Authorize card shows it, and how to answer it in Teams. */
export function invitationPage(view: InvitationView, { tr, now, appId, code }: PageContext): string {
  const summary = invitationSummary(view, tr, now, 'page');
  const message = `accept ${code}`;
  const body = html` <h1>${summary.title}</h1>
    <p>${summary.intro}</p>
    <dl>
      ${summary.facts.map(
        (f) =>
          html`<dt>${f.title}</dt>
            <dd>${f.value}</dd>`,
      )}
    </dl>
    <p>${tr.t('invitePage.daysLeft', { days: daysLeft(view.invitation, now) })}</p>
    <h2>${summary.rolesHeading}</h2>
    ${
      summary.roles.length
        ? html`<ul>
              ${summary.roles.map((r) => html`<li><strong>${r.name}</strong>: ${r.description}</li>`)}
            </ul>
            <p>${summary.declineHint}</p>`
        : html`<p>${summary.noRolesText}</p>`
    }
    ${
      summary.services.length > 0 &&
      html`<h2>${summary.servicesHeading}</h2>
        <ul>
          ${summary.services.map((s) => html`<li>${s}</li>`)}
        </ul>`
    }
    <h2>${tr.t('invitePage.mcaHeading')}</h2>
    <p>${summary.mcaText} <a href="${summary.mcaUrl}" rel="noreferrer">${summary.mcaLinkTitle}</a></p>
    <h2>${tr.t('invitePage.answerHeading')}</h2>
    <p>${tr.t('invitePage.answerText')}</p>
    <code class="code" id="accept-message">${message}</code>
    ${
      appId
        ? html`<p>
            <a class="button" href="${teamsChatLink(appId)}" rel="noreferrer">${tr.t('invitePage.openInTeams')}</a>
          </p>`
        : html`<p class="note">${tr.t('invitePage.localMode')}</p>`
    }
    <p class="note">${tr.t('invitePage.firstTime', { domain: view.invitation.customerDomain })}</p>
    <h2>${tr.t('invitePage.noAppHeading')}</h2>
    <ol>
      <li>${appId ? tr.t('invitePage.noAppStep1', { appId }) : tr.t('invitePage.noAppStep1Local')}</li>
      <li>${tr.t('invitePage.noAppStep2')}</li>
      <li>${tr.t('invitePage.noAppStep3')}</li>
    </ol>`;
  return page(tr.language, tr.t('invitePage.title', { partner: view.partner.name }), body);
}

/** What every code that opens nothing gets (unknown, used, cancelled, expired): the same words, no names. */
export function neutralPage(tr: Translator, kind: 'neutral' | 'tooMany' = 'neutral'): string {
  const title = tr.t(`invitePage.${kind}.title`);
  return page(
    tr.language,
    title,
    html`<h1>${title}</h1>
      <p>${tr.t(`invitePage.${kind}.text`)}</p>`,
  );
}
