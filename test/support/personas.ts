import type { User } from '../../src/domain/model.js';
import { DEMO_USERS } from '../../src/store/demo-world.js';

/** The demo world's people by first name, so reordering the demo world breaks no test. */
export type PersonaName =
  | 'alex'
  | 'sam'
  | 'hana'
  | 'grace'
  | 'umar'
  | 'lidia'
  | 'paul'
  | 'rita'
  | 'carmen'
  | 'bill'
  | 'helen'
  | 'omar'
  | 'franz'
  | 'nora'
  | 'lucia';

const firstName = (user: { name: string }) =>
  user.name
    .split(' ')[0]!
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** One demo person, as the store has them. */
export function persona(name: PersonaName): User {
  const user = DEMO_USERS.find((u) => firstName(u) === name);
  if (!user) throw new Error(`No demo person called ${name}`);
  return user as User;
}
