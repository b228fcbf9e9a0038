import type { CommandDefinition } from './commands.js';

/** What steers the conversation itself rather than a workflow: help, cancel and where a person is. */
export type ConversationCommandId = 'help' | 'cancel' | 'where-am-i';

export const CONVERSATION_COMMANDS: readonly CommandDefinition[] = [
  {
    id: 'help',
    en: ['help'],
    es: ['ayuda'],
    title: 'help',
    description: 'What I can do for you, given your roles',
    inManifest: true,
  },
  {
    id: 'cancel',
    en: ['cancel', 'stop', 'quit'],
    es: ['cancelar', 'salir'],
    title: 'cancel',
    description: 'Stop what we are doing',
    inManifest: false,
  },
  {
    id: 'where-am-i',
    en: ['where am i', 'where was i'],
    es: ['donde estoy', 'donde estaba'],
    title: 'where am i',
    description: 'Which workflow you are in and at which step',
    inManifest: false,
  },
];
