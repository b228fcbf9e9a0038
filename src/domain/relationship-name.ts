import { z } from 'zod';
import { foldText, plainName } from './text.js';

/** Graph's `displayName`: at most 50 characters, unique among the partner's relationships. */
export const RELATIONSHIP_NAME_MAX = 50;
export const RelationshipName = z.string().transform(plainName).pipe(z.string().min(1).max(RELATIONSHIP_NAME_MAX));

/** The name a request gets when the partner leaves it empty: the customer and the day it was asked. */
export function defaultRelationshipName(customerName: string, now: Date, taken: (name: string) => boolean): string {
  const day = now.toISOString().slice(0, 10);
  const base = `${customerName.slice(0, RELATIONSHIP_NAME_MAX - day.length - 4).trim()} ${day}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base} ${n}`;
    if (!taken(name)) return name;
  }
}

/** Names are compared the way people read them: case and accents do not make two names different. */
export const nameKey = (name: string) => foldText(name);
