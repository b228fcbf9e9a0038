import type { Language, User } from '../../domain/model.js';
import { withRetry, type Store } from '../../store/store.js';

/** Changes to a user's own preferences. */
export class UserDirectory {
  constructor(private readonly store: Store) {}

  async setLanguage(user: User, language: Language): Promise<User> {
    return withRetry(this.store, async (tx) => {
      const current = await tx.get('users', user.id);
      if (!current) throw new Error(`User ${user.id} disappeared`);
      if (current.language === language) return current;
      return tx.update('users', { ...current, language });
    });
  }
}
