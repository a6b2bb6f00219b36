// Dots on cards and themes, as the server counts them (a theme's total included): set in
// place, since they change often. The dashboard sees them before the room does; a count
// of 0 shows nothing, so a board of fresh cards is not a column of "0 votes".
import { tn } from '../lib/i18n.js';
import { el } from '../lib/render.js';
import { $, model } from './page.js';
import { votesOn } from '../lib/model.js';

/** An empty tally of a card or theme, filled by drawTallies. */
export const tallySlot = (type, id) => setTally(el('span', { class: 'tally' }), votesOn(model, type, id));

function setTally(node, votes) {
  const n = votes || 0;
  node.dataset.votes = n;
  node.textContent = tn('{n} vote', '{n} votes', n);
  node.hidden = n === 0;
  node.dataset.revealed = String(Boolean(model.settings && model.settings.votes_revealed));
  return node;
}

export function drawTallies() {
  $('groups').querySelectorAll('li.card[data-card-id]').forEach((li) => {
    const node = li.querySelector('.card-top .tally');
    if (node) setTally(node, votesOn(model, 'cards', li.dataset.cardId));
  });
  $('groups').querySelectorAll('.theme[data-theme-id]').forEach((zone) => {
    const node = zone.querySelector('.theme-title .tally');
    if (node) setTally(node, votesOn(model, 'themes', zone.dataset.themeId));
  });
}
