import type { Translator } from '../../i18n/i18n.js';
import { formatDateTime } from '../../cards/format.js';
import type { OpenWorkflow } from './open-workflow.js';

/** "Request a relationship, at the request form": which workflow a person is in and which step. */
export function whereText(tr: Translator, open: OpenWorkflow): string {
  const workflow = tr.t(open.workflow.title);
  const since = formatDateTime(open.workflow.startedAt, tr);
  return open.prompt
    ? tr.t('workflow.where.atStep', { workflow, step: tr.t(open.prompt.step), since })
    : tr.t('workflow.where.at', { workflow, since });
}

/** What stays saved when a workflow is left: what its steps committed, or that nothing was. */
export function savedText(tr: Translator, open: OpenWorkflow): string {
  return open.saved.length
    ? tr.t('workflow.saved.some', { saved: open.saved.join('; ') })
    : tr.t('workflow.saved.none', { workflow: tr.t(open.workflow.title) });
}

export function cancelledText(tr: Translator, open: OpenWorkflow): string {
  return `${tr.t('workflow.cancelled', { workflow: tr.t(open.workflow.title) })} ${savedText(tr, open)}`;
}
