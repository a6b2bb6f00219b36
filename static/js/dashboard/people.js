// People: the line "12 people · 10 online", each group's list of people (move, remove, flags),
// and the People block (shuffle, the door, bulk removal, removed people with "Let back in").
import { t, tn } from '../lib/i18n.js';
import { el, people } from '../lib/render.js';
import { $, act, model, update } from './page.js';

const picked = new Set(); // participant ids ticked for "Remove selected"

export function drawPeopleLine() {
  const { people: total = 0, online = 0 } = model.counts || {};
  $('people').textContent = t('{people} · {online} online', { people: people(total), online });
}

/** Why a person is flagged, in words: never the address, only a number for it. */
function flagText(flag) {
  const why = flag.reasons.map((reason) => (reason === 'many_from_address'
    ? t('many people joined from one address at once')
    : t('joined from the address of a removed person')));
  return t('Check: {why} (address {n})', { why: why.join('; '), n: flag.source });
}

/** One person in their group's list: presence, name, organisation, flag, Move to…, Remove. */
export function personItem(person) {
  const name = person.name || t('Anonymous');
  const others = model.groups.filter((g) => g.id !== person.group_id);
  const select = el('select', {
    class: 'person-move',
    'aria-label': t('Move {name} to another group', { name }),
    disabled: others.length === 0,
    onchange: async () => {
      const ack = await act('participant:move', { participant_id: person.id, group_id: Number(select.value) });
      select.value = '';
      if (ack) update('participant:updated', ack);
    },
  },
  el('option', { value: '' }, t('Move to…')),
  others.map((g) => el('option', { value: g.id }, g.name)));
  const presence = person.online ? t('online') : t('offline');
  const flag = model.flags.get(person.id);
  const pick = el('input', {
    type: 'checkbox',
    class: 'person-pick',
    checked: picked.has(person.id),
    'aria-label': t('Select {name}', { name }),
    onchange: () => {
      if (pick.checked) picked.add(person.id);
      else picked.delete(person.id);
      drawPeopleTools();
    },
  });
  return el('li', {
    class: 'person', 'data-participant-id': person.id, 'data-online': String(person.online), 'data-flagged': String(Boolean(flag)),
  },
  pick,
  el('span', { class: 'presence', title: presence }, el('span', { class: 'visually-hidden' }, presence)),
  el('span', { class: 'person-name', dir: 'auto' }, name),
  person.organisation && el('span', { class: 'person-org', dir: 'auto' }, person.organisation),
  flag && el('span', { class: 'person-flag' }, flagText(flag)),
  select,
  el('button', {
    type: 'button',
    class: 'person-remove',
    'aria-label': t('Remove {name} from the workshop', { name }),
    onclick: async () => {
      if (!window.confirm(t('Remove {name} from the workshop? Their cards stay.', { name }))) return;
      const ack = await act('participant:remove', { participant_id: person.id });
      if (ack) update('participant:removed', { participant_id: person.id });
    },
  }, t('Remove')));
}

const doorClosed = () => Boolean(model.settings && model.settings.door_closed);

/** The door toggle says what a click does; the badge beside it says how it is now. */
export function drawDoor() {
  const closed = doorClosed();
  $('door-toggle').textContent = closed ? t('Open the door') : t('Close the door to new people');
  $('door-toggle').dataset.closed = String(closed);
  $('door-state').textContent = closed ? t('Door closed: only people who joined before get in') : t('Door open: new people may join');
  $('door-state').dataset.closed = String(closed);
}

/** A bulk removal's answer: how many left (each phone is told; the list follows the events). */
function removed(ack) {
  if (!ack) return;
  $('people-message').textContent = tn('{n} person removed.', '{n} people removed.', ack.removed);
}

/** Remove selected, the flags line and the removed people with "Let back in". */
export function drawPeopleTools() {
  [...picked].filter((id) => !model.people.has(id)).forEach((id) => picked.delete(id));
  const ids = [...picked];
  $('remove-selected').disabled = ids.length === 0;
  $('remove-selected').textContent = ids.length ? t('Remove selected ({n})', { n: ids.length }) : t('Remove selected');
  const flagged = [...model.flags.keys()].filter((id) => model.people.has(id)).length;
  $('flags-line').hidden = flagged === 0;
  $('flags-line').textContent = tn('⚑ {n} person joined much faster than a room does: see the flags below.',
    '⚑ {n} people joined much faster than a room does: see the flags below.', flagged);
  const gone = [...model.removed.values()].sort((a, b) => a.joined_at - b.joined_at);
  $('removed-people').hidden = gone.length === 0;
  $('removed-summary').textContent = t('Removed people ({n})', { n: gone.length });
  const had = $('removed-list').contains(document.activeElement);
  $('removed-list').replaceChildren(...gone.map((person) => {
    const name = person.name || t('Anonymous');
    return el('li', { 'data-participant-id': person.id },
      el('span', { class: 'person-name', dir: 'auto' }, name),
      el('button', {
        type: 'button',
        class: 'person-readmit',
        'aria-label': t('Let {name} back in', { name }),
        onclick: async () => {
          const ack = await act('participant:readmit', { participant_id: person.id });
          if (ack) update('participant:updated', ack);
        },
      }, t('Let back in')));
  }));
  if (had && !$('removed-list').contains(document.activeElement)) $('removed-summary').focus();
}

async function shuffle(strategy) {
  const question = strategy === 'mixed'
    ? t('Shuffle everyone into new groups, mixing organisations across groups? Phones follow at once.')
    : t('Shuffle everyone into new groups, in groups of even size? Phones follow at once.');
  if (!window.confirm(question)) return;
  const ack = await act('groups:shuffle', { strategy });
  if (ack) $('people-message').textContent = tn('{n} person moved.', '{n} people moved.', ack.moved);
}

export function mountPeople() {
  $('shuffle-balanced').addEventListener('click', () => shuffle('balanced'));
  $('shuffle-mixed').addEventListener('click', () => shuffle('mixed'));
  $('door-toggle').addEventListener('click', async () => {
    const ack = await act('settings:set', { door_closed: !doorClosed() });
    if (ack) update('settings:changed', ack);
  });
  $('remove-selected').addEventListener('click', async () => {
    const ids = [...picked].filter((id) => model.people.has(id));
    if (!ids.length) return;
    if (!window.confirm(tn('Remove {n} person from the workshop? Their cards stay.',
      'Remove {n} people from the workshop? Their cards stay.', ids.length))) return;
    removed(await act('participants:remove', { participant_ids: ids }));
  });
  $('remove-recent').addEventListener('submit', async (event) => {
    event.preventDefault();
    const minutes = Number($('recent-minutes').value);
    if (!window.confirm(t('Remove everyone who joined in the last {minutes} minutes and has posted nothing? Their phones are told.', { minutes }))) return;
    removed(await act('participants:remove', { joined_within_minutes: minutes, silent_only: true }));
  });
}
