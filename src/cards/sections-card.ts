import { renderCard, type CardAttachment } from './render.js';
import type { SectionsCard } from './templates.js';

export function sectionsCard(
  title: string,
  text: string,
  sections: SectionsCard['sections'],
  actions: SectionsCard['actions'] = [],
): CardAttachment {
  return renderCard('sections', { title, text, sections, actions });
}
