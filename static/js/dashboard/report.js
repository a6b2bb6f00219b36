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
  // A line merged on another dashboard is no longer on offer here.
  ((r && r.synthesis && r.synthesis.merged) || []).forEach((line) => dropOffer(line.items));
}

// --- alike lines across groups, for the synthesis (synthesis:suggest, :merge, :decline)

/** One offer: its name (editable), each part with its group, Merge and Not the same. */
function offerItem(offer) {
  const name = el('input', { type: 'text', maxlength: 60, value: offer.name, 'aria-label': t('Name of the merged line') });
  const item = el('li', { class: 'alike-offer', 'data-items': offer.items.join(' ') },
    name,
    el('ul', { class: 'alike-parts' }, offer.lines.map((part) => el('li', {},
      el('strong', { dir: 'auto' }, part.group), ': ', el('span', { dir: 'auto' }, part.text)))),
    el('div', { class: 'run-controls' },
      el('button', { type: 'button', class: 'alike-merge', onclick: async () => {
        if (await act('synthesis:merge', { items: offer.items, name: name.value.trim() })) dropOffer(offer.items);
      } }, t('Merge')),
      el('button', { type: 'button', class: 'alike-decline', onclick: async () => {
        if (await act('synthesis:decline', { items: offer.items })) dropOffer(offer.items);
      } }, t('Not the same'))));
  return item;
}

async function findAlike() {
  const ack = await act('synthesis:suggest', {});
  if (!ack) return;
  $('alike-list').replaceChildren(...ack.merges.map(offerItem));
  $('alike-none').hidden = ack.merges.length > 0;
}

/** An offer merged or declined, here or on another dashboard, leaves the list. */
export function dropOffer(items) {
  const key = [...items].sort().join(' ');
  [...$('alike-list').children].forEach((li) => {
    if (li.dataset.items.split(' ').sort().join(' ') === key) li.remove();
  });
}

export function mountReport() {
  $('alike-find').addEventListener('click', findAlike);
  $('report-group').addEventListener('change', () => {
    if ($('report-group').value) report('report:show', { group_id: Number($('report-group').value) });
  });
  $('report-prev').addEventListener('click', () => report('report:prev', {}));
  $('report-next').addEventListener('click', () => report('report:next', {}));
  $('report-synthesis').addEventListener('click', () => report('report:show', { synthesis: true }));
}
