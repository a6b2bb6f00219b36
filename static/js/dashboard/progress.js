// Vote progress (#16): how many people have placed all, some or none of their dots, per group
// in its column and for the whole room in the run, live, as the server counts it.
import { t } from '../lib/i18n.js';
import { el } from '../lib/render.js';
import { $, model } from './page.js';

/** A bar of three parts (all, some, none) and its words. */
function bar(counts) {
  const people = counts.all + counts.some + counts.none;
  const part = (name, n) => el('span', { class: `progress-${name}`, style: `flex-grow: ${n}` });
  return [
    el('span', { class: 'progress-bar', 'aria-hidden': 'true' }, part('all', counts.all), part('some', counts.some), part('none', counts.none)),
    el('span', { class: 'progress-words' }, people
      ? t('Dots: {all} all · {some} some · {none} none', counts)
      : t('Dots: nobody here yet')),
  ];
}

/** Shown while voting, or once anyone has placed a dot. */
const shown = (p) => Boolean(p) && (Boolean(model.phase && model.phase.allows && model.phase.allows.votes) || p.total.all + p.total.some > 0);

export function drawProgress() {
  const p = model.vote_progress;
  const on = shown(p);
  $('vote-progress').hidden = !on;
  if (on) $('vote-progress').replaceChildren(...bar(p.total));
  const byGroup = new Map(on ? p.groups.map((g) => [g.group_id, g]) : []);
  $('groups').querySelectorAll('section.group[data-group-id]').forEach((column) => {
    const counts = byGroup.get(Number(column.dataset.groupId));
    let line = column.querySelector('.group-progress');
    if (!counts) {
      if (line) line.remove();
      return;
    }
    if (!line) line = column.querySelector('.group-line').appendChild(el('span', { class: 'group-progress' }));
    line.replaceChildren(...bar(counts));
  });
}
