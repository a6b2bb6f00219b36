// The facilitator's dashboard: every group side by side, live, with the controls to steer the
// run of the workshop (agenda, timer, votes, report back, spotlight), cluster cards into
// themes and manage people. This module listens and routes: the server's events go through
// the shared model (lib/model.js) and each part (dashboard/*.js) redraws what they touched.
import { showStatus } from './lib/socket.js';
import { phaseText, t } from './lib/i18n.js';
import { $, act, groupName, model, onChange, say, showError, socket, update } from './dashboard/page.js';
import { drawBoard, drawCounts, drawFilter, refresh, refreshAll } from './dashboard/board.js';
import { selected } from './dashboard/cards.js';
import { dragging } from './dashboard/drag.js';
import { drawDoor, drawPeopleLine, drawPeopleTools, mountPeople } from './dashboard/people.js';
import { drawReport, dropOffer, mountReport } from './dashboard/report.js';
import { clock, drawRun, followAgenda, mountRun } from './dashboard/run.js';
import { drawSpotlight, mountSpotlight } from './dashboard/spotlight.js';
import { drawTallies } from './dashboard/tallies.js';
import { suggestAgain } from './dashboard/themes.js';
import { drawProgress } from './dashboard/progress.js';
import { drawEdit, mountEdit } from './dashboard/editing.js';

showStatus(socket, $('status'));

// An open menu (a card's, a column's, the downloads) closes on a click elsewhere, or with
// Escape from inside it (before Escape would take the spotlight back).
document.addEventListener('click', (event) => {
  document.querySelectorAll('details.menu[open], details.downloads[open]').forEach((menu) => {
    if (!menu.contains(event.target)) menu.open = false;
  });
});
document.addEventListener('keydown', (event) => {
  const menu = event.key === 'Escape' && event.target.closest && event.target.closest('details.menu[open], details.downloads[open]');
  if (!menu) return;
  event.preventDefault();
  menu.open = false;
  menu.querySelector('summary').focus();
});

/** Redraws what a change touched (lib/model.js says which parts and which groups). */
onChange(({ what, groups }, event, payload) => {
  if (what.has('all')) {
    $('workshop-title').textContent = model.workshop.title;
    clock.set(model.timer);
    drawFilter();
    drawBoard();
    drawPeopleLine();
    followAgenda();
    drawEverythingRun();
    drawPeopleTools();
    drawSpotlight();
    drawProgress();
    drawEdit();
    return;
  }
  if (what.has('workshop')) { // new words after set-up: the title, the kinds everywhere
    $('workshop-title').textContent = model.workshop.title;
    drawFilter();
    drawBoard();
    drawProgress();
    drawEdit();
  }
  if (event === 'card:merged') payload.merged.forEach((id) => selected.delete(id));
  if (what.has('groups')) {
    drawBoard();
    drawReport();
    drawProgress();
  }
  groups.forEach(refresh);
  if (what.has('cards') || what.has('themes') || what.has('people')) drawFilter();
  if (what.has('people')) drawPeopleTools();
  if (what.has('counts')) {
    drawCounts();
    drawPeopleLine();
  }
  if (what.has('run')) drawEverythingRun();
  if (event === 'agenda:changed') followAgenda();
  if (what.has('timer')) clock.set(model.timer);
  if (what.has('tallies')) drawTallies();
  if (what.has('report')) drawReport(true);
  if (what.has('spotlight') || what.has('cards') || what.has('themes')) drawSpotlight();
  if (what.has('progress') || what.has('run')) drawProgress();
});

function drawEverythingRun() {
  drawRun();
  drawDoor();
  drawReport();
  drawTallies(); // revealed or not, the tallies say so
}

socket.onAny((event, payload) => {
  const fresh = event === 'card:added' && !model.cards.has(payload.card.id);
  update(event, payload);
  if (fresh) {
    const { card } = payload;
    const kind = model.kinds.find((k) => k.id === card.kind);
    say(t('New {kind} in {group} from {author}: {text}', {
      kind: kind ? kind.label : card.kind, group: groupName(card.group_id), author: card.author || t('Anonymous'), text: card.text,
    }));
  }
  if (event === 'card:added' || event === 'theme:declined') suggestAgain(event === 'card:added' ? payload.card.group_id : payload.group_id);
  if (event === 'synthesis:declined') dropOffer(payload.items);
  if (event === 'phase:changed') say(t('Phase: {phase}', { phase: phaseText(payload.phase.name) }));
  if (event === 'workshop:deleted') showError(t('The owner has deleted this workshop: its file is gone.'));
});

// --- the page's fixed controls

['filter', 'filter-theme', 'filter-org'].forEach((id) => $(id).addEventListener('change', refreshAll));
$('add-group-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const ack = await act('group:add', { name: $('add-group-name').value.trim() });
  if (!ack) return;
  $('add-group-name').value = '';
  update('group:added', ack);
});
// The co-facilitator link, shown once after set-up: a click selects and copies it (the old way
// first: the clipboard API needs a secure page, and a laptop may use its LAN address).
if ($('cofacilitator-copy')) {
  $('cofacilitator-copy').addEventListener('click', async () => {
    const input = $('cofacilitator-url');
    input.select();
    let done = document.execCommand('copy');
    if (!done && navigator.clipboard) done = await navigator.clipboard.writeText(input.value).then(() => true, () => false);
    $('cofacilitator-copied').textContent = done ? t('Copied: paste it where your co-facilitator will find it.')
      : t('Select the link and copy it.');
  });
}
mountRun();
mountReport();
mountPeople();
mountSpotlight(dragging);
mountEdit();
