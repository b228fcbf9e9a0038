import type { CommandDefinition } from './commands.js';

/** GDAP day two (issue 18), kept beside the command table so the table itself gains one line. */
export type DayTwoCommandId =
  'remove-global-admin' | 'auto-extend' | 'move-off-dap' | 'bulk' | 'customer-requests' | 'ask-partner';

export const DAY_TWO_COMMANDS: readonly CommandDefinition[] = [
  {
    id: 'remove-global-admin',
    en: ['remove global admin', 'remove global administrator'],
    es: ['quitar administrador global', 'quitar admin global'],
    title: 'remove global admin',
    description: 'End only the Global Administrator role, so that auto-extend becomes possible',
    inManifest: false,
  },
  {
    id: 'auto-extend',
    en: ['auto extend', 'auto-extend', 'autoextend'],
    es: ['extension automatica', 'autoextension', 'auto extension'],
    title: 'auto extend',
    description: 'Switch auto-extend on or off for a relationship',
    inManifest: false,
  },
  {
    id: 'move-off-dap',
    en: ['move off dap', 'migrate dap', 'dap to gdap'],
    es: ['migrar dap', 'dejar dap', 'dap a gdap'],
    title: 'move off dap',
    description: 'Replace legacy DAP (Global + Helpdesk admin) with the least-privileged roles for your tasks',
    inManifest: false,
  },
  {
    id: 'bulk',
    en: ['bulk', 'bulk change'],
    es: ['en bloque', 'cambio en bloque'],
    title: 'bulk',
    description: 'Turn auto-extend on or off, or remove Global Administrator, on up to 25 relationships at once',
    inManifest: false,
  },
  {
    id: 'customer-requests',
    en: ['customer requests'],
    es: ['solicitudes de clientes'],
    title: 'customer requests',
    description: 'What customers asked you: end a relationship or remove roles',
    inManifest: false,
  },
  {
    id: 'ask-partner',
    en: ['ask partner', 'ask my partner'],
    es: ['pedir al partner', 'solicitar al partner'],
    title: 'ask partner',
    description: 'Ask a partner to end the relationship or to remove admin roles',
    inManifest: false,
  },
];
