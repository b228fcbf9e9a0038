import { useBotWorld } from '../support/bot-world.js';
import { persona } from '../support/personas.js';
import { visibleText } from '../support/activities.js';

const hana = persona('hana'); // Adatum helpdesk agent

describe('a status card inserted into the chat with the bot', () => {
  const chat = useBotWorld();

  /** The card the message extension gives for "fabrikam", as Teams posts it once inserted: HTML text plus the card. */
  async function insertedCard(typed = '') {
    const bot = chat.harness(hana);
    const body = (await bot.search('fabrikam')).composeExtension as { attachments: { content: unknown }[] };
    const card = body.attachments[0]!.content;
    const html = `<div><div><span>${visibleText(card).split('\n').join('</span><span>')}</span></div></div>`;
    return {
      bot,
      activity: {
        type: 'message' as const,
        text: `${typed}${html}`,
        attachments: [
          { contentType: 'application/vnd.microsoft.card.adaptive', content: card },
          { contentType: 'text/html', content: html },
        ],
      },
    };
  }

  it.each([
    ['only the card', ''],
    ['the card after a line break the client added', '<p>&nbsp;</p>'],
  ])('is not answered "I did not understand" when the message is %s', async (_name, typed) => {
    const { bot, activity } = await insertedCard(typed);
    const replies = await bot.send(activity);
    expect(visibleText(replies)).not.toContain('I did not understand');
    expect(replies.filter((r) => r.type === 'message')).toEqual([]);
    const ignored = bot.log.lines.filter((l) => l.message === 'inserted card ignored');
    expect(ignored).toHaveLength(1);
    expect(JSON.stringify(bot.log.lines)).not.toContain('Fabrikam');
  });

  it('still answers what a person types', async () => {
    const { bot } = await insertedCard();
    expect(await bot.say('status fabrikam')).toContain('Fabrikam Inc');
    expect(await bot.say('what is this')).toContain('I did not understand');
  });
});
