// Dots on the phone: a Vote and a Take back on each card and theme of the group, the dots
// left, tallies once revealed, and a refused dot answered in the card that was tapped.
// Loaded by attendee.js when a vote phase (or revealed tallies) first needs it.
import { request } from './socket.js';
import { errorText, t, tn } from './i18n.js';
import { el, tallyNode } from './render.js';
import { phaseAllows } from './model.js';

const $ = (id) => document.getElementById(id);

document.head.append(el('link', { rel: 'stylesheet', href: '/static/css/phone-votes.css' }));

/** `state()` reads the page's current state; dots go through `outbox` like cards. */
export function createVotes(state, outbox, socket) {
  const castItems = () => outbox.items().filter((item) => item.event === 'vote:cast');

  /** Updates each card's and theme's vote controls in place, so a pressed button keeps focus. */
  function draw() {
    const now = state();
    const voting = Boolean(phaseAllows(now).votes);
    const waiting = castItems();
    const left = Math.max(0, (now.votes_left || 0) - waiting.length);
    $('votes-left').hidden = !voting;
    $('votes-left').textContent = tn('{n} dot left', '{n} dots left', left);
    $('cards').querySelectorAll('li.card[data-card-id], li.theme-head[data-theme-id]').forEach((li) => {
      const card = li.dataset.cardId;
      const [type, field, id, about] = card ? ['cards', 'card_id', card, `card-${card}-text`]
        : ['themes', 'theme_id', li.dataset.themeId, `theme-${li.dataset.themeId}-name`];
      const tally = now.tallies ? (now.tallies[type][id] || 0) : null;
      let votes = li.querySelector(':scope > .votes');
      if (votes) votes.firstChild.replaceWith(tallyNode(tally) || el('span'));
      else if (voting || tally !== null) {
        votes = li.appendChild(el('div', { class: 'votes' }, tallyNode(tally) || el('span'),
          el('button', { type: 'button', class: 'vote-cast', 'aria-describedby': about, onclick: () => cast(field, id) }),
          el('button', { type: 'button', class: 'vote-retract', 'aria-describedby': about, onclick: () => retract(field, id) }, t('Take back'))));
      }
      if (!votes) return;
      const [, more, less] = votes.children;
      const mine = ((now.my_votes && now.my_votes[type][id]) || 0)
        + waiting.filter((item) => String(item.payload[field]) === id).length;
      votes.hidden = !voting && tally === null;
      more.hidden = !voting;
      more.dataset.mine = mine;
      more.textContent = mine ? `${'●'.repeat(Math.min(mine, 20))} ${t('Vote')}` : t('Vote');
      more.setAttribute('aria-label', t('Vote (your dots here: {n})', { n: mine }));
      // Take back shows where there is a dot to take; Vote is off with no dots left. A
      // button that goes drops the focus: hand it to the other one first.
      if (!mine && document.activeElement === less) more.focus();
      if (left <= 0 && document.activeElement === more && mine) less.focus();
      less.disabled = !mine;
      less.hidden = !voting || !mine;
      more.disabled = left <= 0;
    });
  }

  function cast(field, id) {
    answer().textContent = '';
    outbox.send('vote:cast', { [field]: Number(id) }); // kept and resent like a card
    draw();
  }

  async function retract(field, id) {
    answer().textContent = '';
    voted(await request(socket, 'vote:retract', { [field]: Number(id) }), { [field]: id });
  }

  /** The live region that answers a dot (#vote-error); a redrawn card may have taken it along. */
  const answer = () => $('vote-error') || $('board').appendChild(
    el('p', { id: 'vote-error', class: 'field-error tap-answer', role: 'alert' }));

  /** The server's count of my dots, or why a dot was refused, said inside the card or theme
   * that was tapped and brought into view (never only at the top of the page). */
  function voted(ack, target = {}) {
    const now = state();
    if (ack.ok) {
      now.votes_left = ack.votes_left;
      now.my_votes = ack.my_votes;
    } else {
      const where = target.card_id != null ? `li.card[data-card-id="${target.card_id}"]`
        : `li.theme-head[data-theme-id="${target.theme_id}"]`;
      const item = $('cards').querySelector(where);
      const box = answer();
      if (item) item.append(box);
      box.textContent = errorText(ack.error);
      if (item) box.scrollIntoView({ block: 'nearest' });
    }
    draw();
  }

  return { draw, voted };
}
