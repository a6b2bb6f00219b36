// The run of the workshop: the agenda (its bar and its editor), the timer, the settings for
// votes and cards, and closing. Phase rules and labels come from the server: what a phase
// allows with the phase itself, the kinds and their names in the page (agenda-add-kind).
import { phaseText, t } from '../lib/i18n.js';
import { el } from '../lib/render.js';
import { createClock, mmss } from '../lib/run.js';
import { $, act, model, passFocus, say, showError, update } from './page.js';

/** The phase kinds with their names, in the reader's language, as the server wrote them. */
const KINDS = new Map([...$('agenda-add-kind').options].map((o) => [o.value, o.textContent]));
const kindLabel = (kind) => KINDS.get(kind) || kind;

let agendaDirty = false; // the agenda editor holds changes not saved yet
let shownPhase = null; // the phase index the timer's minutes box was set for

export const clock = createClock((seconds, timer) => {
  const running = Boolean(timer && timer.running);
  const had = document.activeElement;
  $('timer').textContent = mmss(seconds);
  $('timer').dataset.running = String(running);
  $('timer').classList.toggle('is-done', running && seconds <= 0);
  $('timer-pause').disabled = !running;
  $('timer-resume').disabled = running || !timer || timer.remaining <= 0;
  $('timer-reset').disabled = !timer;
  passFocus(had, ['timer-pause', 'timer-resume', 'timer-start']);
}, () => say(t('Time is up.')));

const phaseIndex = () => (model.phase ? model.phase.index : -1);
/** Closed by the switch or by a `closed` phase, as the server says with the phase. */
export const closed = () => Boolean((model.settings && model.settings.closed) || (model.phase && model.phase.closed));

async function setPhase(index) {
  if (index < 0 || index >= model.agenda.length) return;
  const ack = await act('phase:set', { index });
  if (ack) update('phase:changed', ack);
}

async function timer(event, payload) {
  const ack = await act(event, payload);
  if (ack) update('timer:changed', ack);
}

/** Everything that follows the phase and the settings (the report and people blocks draw themselves). */
export function drawRun() {
  if (phaseIndex() !== shownPhase) setMinutes();
  drawAgenda();
  drawSettings();
  const had = document.activeElement;
  const off = Boolean(model.settings && model.settings.closed);
  $('workshop-close').hidden = off;
  $('workshop-reopen').hidden = !off;
  passFocus(had, ['workshop-close', 'workshop-reopen']);
  $('closed-banner').hidden = !closed();
  document.body.classList.toggle('is-closed', closed());
  // The block the phase needs (votes while voting, report-back in it) moves up, under the timer.
  document.body.dataset.phase = closed() ? 'closed' : (model.phase ? model.phase.kind : '');
}

/** The timer's minutes box follows the phase, unless the facilitator is typing in it. */
function setMinutes() {
  if (document.activeElement === $('timer-minutes')) return;
  shownPhase = phaseIndex();
  if (model.phase && model.phase.minutes) $('timer-minutes').value = model.phase.minutes;
}

function drawAgenda() {
  const current = phaseIndex();
  const focused = $('agenda').contains(document.activeElement);
  $('agenda').replaceChildren(...model.agenda.map((phase, i) => {
    const name = phaseText(phase.name);
    // "Join · Join" says nothing: the kind only where the name is not the kind's own.
    const meta = [name === kindLabel(phase.kind) ? null : kindLabel(phase.kind), phase.minutes ? `${phase.minutes} min` : null];
    return el('li', {
      class: 'phase', 'data-index': i, 'data-kind': phase.kind, 'aria-current': i === current ? 'step' : null,
    }, el('button', { type: 'button', class: 'phase-go', 'aria-current': i === current ? 'step' : null, onclick: () => setPhase(i) },
      el('span', { class: 'phase-name', dir: 'auto' }, name),
      el('span', { class: 'phase-meta' }, meta.filter(Boolean).join(' · '))));
  }));
  const had = document.activeElement;
  $('phase-prev').disabled = current <= 0;
  $('phase-next').disabled = current < 0 || current >= model.agenda.length - 1;
  passFocus(had, ['phase-next', 'phase-prev']);
  const now = $('agenda').querySelector('[aria-current] button');
  if (focused && now) now.focus();
  if (now) { // a long agenda scrolls sideways to the current phase (never the page itself)
    const bar = $('agenda');
    const offset = now.getBoundingClientRect().left - bar.getBoundingClientRect().left;
    if (offset < 0 || offset + now.offsetWidth > bar.clientWidth) bar.scrollLeft += offset - 8;
  }
}

let rowCount = 0; // numbers the editor's rows, for their labels
function agendaRow(phase) {
  rowCount += 1;
  const field = (label, input) => el('label', { class: 'agenda-field' }, el('span', {}, label), input);
  const name = el('input', { class: 'agenda-name', maxlength: 60, dir: 'auto', placeholder: kindLabel(phase.kind) });
  name.value = phase.name || '';
  const minutes = el('input', { class: 'agenda-minutes', type: 'number', min: 1, max: 600, step: 1, placeholder: '–' });
  minutes.value = phase.minutes == null ? '' : phase.minutes;
  const question = el('input', { class: 'agenda-question', maxlength: 1000, dir: 'auto', placeholder: t('The workshop’s question') });
  question.value = phase.question || '';
  const kind = el('select', { class: 'agenda-kind', onchange: () => { name.placeholder = kindLabel(kind.value); } },
    [...KINDS].map(([id, label]) => el('option', { value: id, selected: id === phase.kind }, label)));
  const row = el('li', { class: 'agenda-row', 'data-row': rowCount },
    field(t('Kind'), kind), field(t('Name'), name), field(t('Minutes'), minutes), field(t('Question'), question),
    el('button', {
      type: 'button',
      class: 'agenda-remove',
      'aria-label': t('Remove this phase'),
      onclick: () => {
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        agendaDirty = true;
        (next ? next.querySelector('.agenda-remove') : $('agenda-add')).focus();
      },
    }, t('Remove')));
  return row;
}

function drawAgendaRows() {
  $('agenda-rows').replaceChildren(...model.agenda.map(agendaRow));
  agendaDirty = false;
}

/** The editor's rows follow the agenda, unless the facilitator has changes not saved yet. */
export function followAgenda() {
  if (!agendaDirty) drawAgendaRows();
}

function drawSettings() {
  const s = model.settings;
  if (!s) return;
  $('settings').querySelectorAll('input[name]').forEach((input) => {
    if (input.type === 'checkbox') input.checked = Boolean(s[input.name]);
    else if (document.activeElement !== input) input.value = s[input.name];
  });
  drawRetention(s.retention_days);
  const had = document.activeElement;
  $('cards-reveal').hidden = !s.blur_cards || s.cards_revealed;
  $('votes-reveal').hidden = Boolean(s.votes_revealed);
  $('votes-hide').hidden = !s.votes_revealed;
  passFocus(had, ['votes-reveal', 'votes-hide', 'cards-reveal']);
}

/** The retention choice shows the stored rule; a day count set through the API gets its own option. */
function drawRetention(days) {
  const select = $('set-retention');
  const value = days == null ? 'keep' : String(days);
  if (![...select.options].some((option) => option.value === value)) {
    select.append(el('option', { value }, t('Delete {days} days after closing', { days })));
  }
  if (document.activeElement !== select) select.value = value;
}

/** The fixed controls of the run: phases, timer, settings, reveal, close. */
export function mountRun() {
  $('phase-prev').addEventListener('click', () => setPhase(phaseIndex() - 1));
  $('phase-next').addEventListener('click', () => setPhase(phaseIndex() + 1));

  $('timer-start').addEventListener('click', () => {
    const seconds = Math.round(Number($('timer-minutes').value) * 60);
    if (!(seconds >= 1 && seconds <= 36000)) {
      showError(t('Give the timer 1 second to 600 minutes.'));
      $('timer-minutes').focus();
      return;
    }
    timer('timer:start', { seconds });
  });
  $('timer-pause').addEventListener('click', () => timer('timer:pause', {}));
  $('timer-resume').addEventListener('click', () => timer('timer:resume', {}));
  $('timer-add').addEventListener('click', () => timer('timer:add', { seconds: 60 }));
  $('timer-reset').addEventListener('click', () => timer('timer:reset', {}));

  const settle = (ack) => { if (ack) update('settings:changed', ack); };
  $('settings').addEventListener('change', async (event) => {
    const input = event.target;
    if (!input.name) return;
    const value = input.type === 'checkbox' ? input.checked
      : input.name === 'retention' && input.value === 'keep' ? 'keep' : Number(input.value);
    const ack = await act('settings:set', { [input.name]: value });
    if (ack) settle(ack);
    else drawSettings(); // back to what the server holds
  });
  $('cards-reveal').addEventListener('click', async () => settle(await act('cards:reveal', {})));
  $('votes-reveal').addEventListener('click', async () => settle(await act('votes:reveal', {})));
  $('votes-hide').addEventListener('click', async () => settle(await act('votes:hide', {})));

  $('workshop-close').addEventListener('click', async () => {
    if (!window.confirm(t('Close the workshop? Phones show a thank-you page and nothing can change until you reopen it.'))) return;
    settle(await act('workshop:close', {}));
  });
  $('workshop-reopen').addEventListener('click', async () => settle(await act('workshop:reopen', {})));

  $('agenda-add').addEventListener('click', () => {
    const row = agendaRow({ kind: $('agenda-add-kind').value, name: '', minutes: null, question: null });
    $('agenda-rows').append(row);
    agendaDirty = true;
    row.querySelector('.agenda-name').focus();
  });
  $('agenda-form').addEventListener('input', () => { agendaDirty = true; });
  $('agenda-undo').addEventListener('click', drawAgendaRows);
  $('agenda-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const agenda = [...$('agenda-rows').children].map((row) => {
      const value = (selector) => row.querySelector(selector).value.trim();
      const phase = { kind: value('.agenda-kind') };
      if (value('.agenda-name')) phase.name = value('.agenda-name');
      if (value('.agenda-minutes')) phase.minutes = Number(value('.agenda-minutes'));
      if (value('.agenda-question')) phase.question = value('.agenda-question');
      return phase;
    });
    const ack = await act('agenda:set', { agenda });
    if (!ack) return;
    agendaDirty = false;
    update('agenda:changed', ack);
    drawAgendaRows();
    say(t('Agenda saved.'));
  });
}
