import type { CommandDefinition } from './commands.js';

/** Rule 13 (issue 17): the customer designates its partner of record, apart from its delegated admin partner. */
export const PARTNER_OF_RECORD_COMMAND: CommandDefinition = {
  id: 'partner-of-record',
  en: ['partner of record'],
  es: ['socio de registro', 'partner de registro'],
  title: 'partner of record',
  description: 'Designate your partner of record, apart from your delegated admin partner',
  inManifest: false,
};
