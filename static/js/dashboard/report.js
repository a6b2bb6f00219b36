// Report-back: the group on the projector (next, previous, a chosen one, the synthesis) and
// the line that says what the projector shows. The preview of the projector sits beside it.
import { t } from '../lib/i18n.js';
import { el } from '../lib/render.js';
import { $, act, groupName, model, update } from './page.js';

async function report(event, payload) {
  const ack = await act(event, payload);
  if (ack) update('report:changed', ack);
}

// The server's state always holds a report (the first group by default), so "Ready for report
// back" waits until someone steps or picks a slide (`report:changed`), not the first minute.
let lined = false;

/** Draws the report block; `picked` when a slide was just chosen, here or on another dashboard. */
export function drawReport(picked = false) {
  lined ||= picked;
  const r = model.report;
  const chosen = r && r.view === 'group' ? r.group_id : null;
  $('report-group').replaceChildren(el('option', { value: '' }, t('Choose…')),
    ...model.groups.map((g) => el('option', { value: g.id, selected: g.id === chosen }, g.name)));
  // Whether phones and the projector show report-back now: the server says so with the phase.
  const live = Boolean(model.phase && model.phase.allows && model.phase.allows.report);
  const what = r && r.view === 'synthesis' ? t('the synthesis of all groups') : chosen != null && groupName(chosen);
  let text = t('The projector shows the report in a “Report back” phase and once the workshop is closed.');
  // Before report-back, what is lined up is said only once the facilitator has chosen it.
  if (what && live) text = t('On the projector: {what}.', { what });
  else if (what && lined) text = t('Ready for report back: {what}. {more}', { what, more: text });
  $('report-current').textContent = text;
}

export function mountReport() {
  $('report-group').addEventListener('change', () => {
    if ($('report-group').value) report('report:show', { group_id: Number($('report-group').value) });
  });
  $('report-prev').addEventListener('click', () => report('report:prev', {}));
  $('report-next').addEventListener('click', () => report('report:next', {}));
  $('report-synthesis').addEventListener('click', () => report('report:show', { synthesis: true }));
}
