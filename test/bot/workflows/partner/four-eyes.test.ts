import { FOUR_EYES_VERBS } from '../../../../src/cards/four-eyes-card.js';
import { REQUEST_VERBS } from '../../../../src/cards/request-card.js';
import { DEMO_TENANTS, demoWorld } from '../../../../src/store/demo-world.js';
import { visibleText } from '../../../support/activities.js';
import type { BotHarness } from '../../../support/bot-harness.js';
import { useBotWorld } from '../../../support/bot-world.js';
import { buttonsOf } from '../../../support/card-items.js';
import { persona } from '../../../support/personas.js';
import { NOW, user } from '../../../support/world.js';

const [alex, grace, hana] = [persona('alex'), persona('grace'), persona('hana')];
/** A second approver of Adatum (admin agent) who reads Spanish: every approver's copy must follow the decision. */
const ada = user({
  tenantId: DEMO_TENANTS.adatum,
  aadObjectId: 'a0a0a0a0-0000-4000-8000-00000000ada1',
  name: 'Ada Segunda',
  email: 'ada@adatum.example',
  roles: { side: 'partner', agent: 'admin-agent', admin: 'none' },
  language: 'es',
});
const GLOBAL_ADMIN_REQUEST = {
  customer: 'contoso.com',
  relationship: 'reseller',
  includeAdmin: 'true',
  roles: 'global-administrator',
  durationDays: '60',
  autoExtend: 'false',
};
const COMMENT = 'Global Administrator is too much: ask for Helpdesk Administrator';

describe('the four-eyes approval card: what is approved, Approve or Reject with a comment, every copy told', () => {
  const chat = useBotWorld(() => {
    const world = demoWorld(NOW);
    world.users = [...(world.users ?? []), ada];
    return world;
  });
  const FOUR_EYES = { FOUR_EYES: 'true' };
  let requester: BotHarness;
  let invitationId: string;
  /** The draft Alex was shown, whose Done waits for the approval. */
  let draft: string;

  /** Grace and Ada have a chat with the bot; Alex asks for Global Administrator; both get the approval card. */
  async function requestNeedingApproval() {
    await chat.harness(grace, FOUR_EYES).say('hello');
    await chat.harness(ada, FOUR_EYES).say('hola');
    requester = chat.harness(alex, FOUR_EYES);
    await requester.say('request relationship');
    draft = (await requester.click(REQUEST_VERBS.submit, GLOBAL_ADMIN_REQUEST)).text;
    invitationId = (await chat.store.all('invitations'))[0]!.id;
    const cards = (await chat.store.findBy('notifications', 'subject', invitationId)).filter(
      (n) => n.kind === 'invitation.approval',
    );
    expect(cards.map((n) => [n.aadObjectId, n.status]).sort()).toEqual(
      [grace, ada].map((p) => [p.aadObjectId, 'delivered']).sort(),
    );
    return cards;
  }
  const copyOf = async (who: { aadObjectId: string }) =>
    (await chat.store.findBy('notifications', 'subject', invitationId)).find(
      (n) => n.kind === 'invitation.approval' && n.aadObjectId === who.aadObjectId,
    )!;

  it('shows the customer, roles and duration, a comment box, Approve and Reject, in the approver’s language', async () => {
    await requestNeedingApproval();
    const graceCard = (await copyOf(grace)).payload.card;
    const seen = visibleText(graceCard);
    for (const words of [
      'Approval needed: Contoso Ltd',
      'Alex Wilber asks Contoso Ltd for admin roles that include Global Administrator',
      'Customer\nContoso Ltd',
      'Relationship\nReseller, Delegated administrator',
      'Admin roles\nGlobal Administrator',
      'Duration\n60 days',
      'Created\nby Alex Wilber, 22 Nov 2026 10:00 UTC',
      'Comment (optional)',
    ]) {
      expect(seen).toContain(words);
    }
    expect(buttonsOf(graceCard).map((b) => [b.title, b.verb])).toEqual([
      ['Approve', FOUR_EYES_VERBS.approve],
      ['Reject', FOUR_EYES_VERBS.reject],
    ]);
    const adaSeen = visibleText((await copyOf(ada)).payload.card);
    expect(adaSeen).toContain('Se necesita aprobación: Contoso Ltd');
    expect(adaSeen).toContain('Comentario (opcional)');
    expect(buttonsOf((await copyOf(ada)).payload.card).map((b) => b.title)).toEqual(['Aprobar', 'Rechazar']);
  });

  it('Reject with a comment: the request is cancelled, every copy shows who rejected it and why, the requester is told', async () => {
    await requestNeedingApproval();
    const approver = chat.harness(grace, FOUR_EYES);
    const decided = await approver.click(FOUR_EYES_VERBS.reject, { invitationId, comment: COMMENT });
    expect(decided.text).toContain('Rejected: Contoso Ltd');
    expect(decided.text).toContain(`Rejected by Grace Global on 22 Nov 2026 10:00 UTC. Comment: ${COMMENT}`);
    expect(decided.text).toContain('Admin roles\nGlobal Administrator');
    expect(buttonsOf(decided.card)).toEqual([]);
    expect(JSON.stringify(decided.card)).not.toContain('Input.Text');
    expect(await chat.store.get('invitations', invitationId)).toMatchObject({
      status: 'cancelled',
      fourEyes: { required: true, rejectedBy: { name: 'Grace Global', comment: COMMENT } },
    });
    // Ada's copy is replaced (in Spanish) with the outcome; Grace's own copy is the one her click replaced.
    const replaced = approver.updated.filter((u) => u.to === ada.aadObjectId);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.activityId).toBe((await copyOf(ada)).payload.activityId);
    const adaNow = visibleText(replaced[0]!.message.card);
    expect(adaNow).toContain('Rechazada: Contoso Ltd');
    expect(adaNow).toContain(`Rechazada por Grace Global el 22 nov 2026 10:00 UTC. Comentario: ${COMMENT}`);
    expect(buttonsOf(replaced[0]!.message.card)).toEqual([]);
    expect(approver.updated.filter((u) => u.to === grace.aadObjectId)).toEqual([]);
    const [told] = (await chat.store.findBy('notifications', 'subject', invitationId)).filter(
      (n) => n.kind === 'invitation.rejected',
    );
    expect(told!.aadObjectId).toBe(alex.aadObjectId);
    expect(visibleText(told!.payload)).toContain('Your request to Contoso Ltd was rejected');
    expect(visibleText(told!.payload)).toContain(`Grace Global rejected it, so it was cancelled.`);
    expect(visibleText(told!.payload)).toContain(COMMENT);

    // Ada's stale click changes nothing and shows the same outcome; status tells the story.
    const stale = await chat.harness(ada, FOUR_EYES).click(FOUR_EYES_VERBS.approve, { invitationId, comment: '' });
    expect(stale.text).toContain('Rechazada por Grace Global');
    expect((await chat.store.get('invitations', invitationId))?.fourEyes.approvedBy).toBeUndefined();
    expect(await chat.harness(hana).say('status contoso')).toContain(
      "Rejected by Grace Global on 22 Nov 2026 (second admin's approval), so never sent",
    );
  });

  it('Approve: every copy shows who approved it; the requester is told with the comment and can send it', async () => {
    await requestNeedingApproval();
    const link = /http:\/\/localhost:3978\/invite\/[A-Z2-7]{32}/.exec(draft)![0];
    const done = {
      invitationId,
      token: link.split('/').pop(),
      subject: 'Partner Desk invitation',
      body: `Please accept: ${link}`,
    };
    // Before the approval, Done keeps the draft open and says why.
    const early = await requester.click(REQUEST_VERBS.done, done);
    expect(early.text).toContain('must approve it before it goes out');
    expect((await chat.store.get('invitations', invitationId))?.sentAt).toBeUndefined();
    const approver = chat.harness(grace, FOUR_EYES);
    const decided = await approver.click(FOUR_EYES_VERBS.approve, { invitationId, comment: 'Fine for 60 days' });
    expect(decided.text).toContain('Approved: Contoso Ltd');
    expect(decided.text).toContain('Approved by Grace Global on 22 Nov 2026 10:00 UTC. Comment: Fine for 60 days');
    const replaced = approver.updated.filter((u) => u.to === ada.aadObjectId);
    expect(visibleText(replaced.map((u) => u.message.card))).toContain('Aprobada por Grace Global');
    const told = (await chat.store.findBy('notifications', 'subject', invitationId)).find(
      (n) => n.kind === 'invitation.approved',
    );
    expect(visibleText(told!.payload)).toContain('Your request to Contoso Ltd was approved');
    expect(visibleText(told!.payload)).toContain('Comment: Fine for 60 days');
    expect((await chat.store.get('invitations', invitationId))?.status).toBe('created');
    // The draft Alex was shown still waits for Done, which now sends it.
    const sent = await requester.click(REQUEST_VERBS.done, done);
    expect(sent.text).toContain('Invitation sent to Contoso Ltd');
    expect((await chat.store.get('invitations', invitationId))?.status).toBe('approval-pending');
    // A second decision, on any copy, changes nothing.
    await chat.harness(ada, FOUR_EYES).click(FOUR_EYES_VERBS.reject, { invitationId, comment: 'no' });
    expect(await chat.store.get('invitations', invitationId)).toMatchObject({
      status: 'approval-pending',
      fourEyes: { approvedBy: { name: 'Grace Global' } },
    });
  });

  it('the requester cannot decide their own request: the card stays open and says why', async () => {
    await requestNeedingApproval();
    const own = await requester.click(FOUR_EYES_VERBS.reject, { invitationId, comment: '' });
    expect(own.text).toContain('You cannot approve your own request');
    expect(buttonsOf(own.card).map((b) => b.title)).toEqual(['Approve', 'Reject']);
    expect((await chat.store.get('invitations', invitationId))?.status).toBe('created');
  });
});
