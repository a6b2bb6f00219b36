// The shared client model (static/js/lib/model.js): each server event applied to a plain
// model, as every page applies it. Run with `node --test tests/js/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, createModel, phaseAllows, themesOf, votesOn } from '../../static/js/lib/model.js';
import { applyRoster } from '../../static/js/dashboard/roster.js';

const card = (id, more = {}) => ({ id, group_id: 1, kind: 'challenge', text: `card ${id}`, theme_id: null, hidden: false, participant_id: 10, created_at: id, ...more });
const phase = (kind, allows = {}) => ({ index: 0, kind, name: kind, allows: { cards: false, votes: false, report: false, ...allows }, closed: false });

function facilitator(more = {}) {
  const m = createModel();
  const state = {
    role: 'facilitator', workshop: { title: 'T' }, kinds: [{ id: 'challenge', label: 'Challenge' }],
    groups: [{ id: 1, name: 'Ops', position: 0 }, { id: 2, name: 'Dev', position: 1 }],
    cards: [card(1), card(2, { hidden: true }), card(3, { group_id: 2 })],
    participants: [{ id: 10, group_id: 1, name: 'Ana' }, { id: 11, group_id: 2, name: 'Ben', removed: true }],
    counts: { people: 1, online: 1, groups: { 1: { people: 1, cards: { challenge: 1 } } } },
    themes: [{ id: 5, group_id: 1, name: 'Money', created_at: 2 }, { id: 4, group_id: 1, name: 'Data', created_at: 1 }],
    tallies: { cards: { 1: 2 }, themes: { 5: 3 } },
    phase: phase('brainstorm', { cards: true }), settings: { votes_revealed: false }, spotlight: null,
    ...more,
  };
  apply(m, 'state', state);
  applyRoster(m, 'state', state);
  return m;
}

function attendee() {
  const m = createModel();
  apply(m, 'state', {
    role: 'attendee', me: { id: 10, group_id: 1 }, kinds: [], groups: [{ id: 1, name: 'Ops', position: 0 }],
    cards: [card(1), card(2, { participant_id: 99 })], my_other_cards: [card(7, { group_id: 2 })],
    themes: [], phase: phase('vote', { votes: true }), settings: {}, tallies: null, votes_left: 3,
  });
  return m;
}

test('a state fills the model: every card for a facilitator, people and the removed apart', () => {
  const m = facilitator();
  assert.deepEqual([...m.cards.keys()], [1, 2, 3]);
  assert.deepEqual([...m.people.keys()], [10]);
  assert.deepEqual([...m.removed.keys()], [11]);
  assert.equal(m.workshop.title, 'T');
});

test('a new state replaces everything, nothing of the old one stays', () => {
  const m = facilitator();
  apply(m, 'spotlight:changed', { spotlight: { card_id: 1, theme_id: null } });
  const touched = apply(m, 'state', { role: 'facilitator', groups: [], cards: [] });
  assert.ok(touched.what.has('all'));
  assert.equal(m.cards.size, 0);
  assert.equal(m.spotlight, null);
  assert.equal(m.tallies, null);
});

test('a card added, updated and deleted touches its group only', () => {
  const m = facilitator();
  let touched = apply(m, 'card:added', { card: card(9, { group_id: 2 }) });
  assert.deepEqual([...touched.groups], [2]);
  assert.equal(m.cards.get(9).text, 'card 9');
  touched = apply(m, 'card:updated', { card: card(9, { group_id: 1, text: 'moved' }) });
  assert.deepEqual([...touched.groups].sort(), [1, 2]); // moved: both columns redraw
  assert.equal(m.cards.get(9).text, 'moved');
  touched = apply(m, 'card:deleted', { card_id: 9, group_id: 1 });
  assert.equal(m.cards.has(9), false);
  assert.deepEqual([...touched.groups], [1]);
});

test('a merge removes the merged cards and keeps the one they joined', () => {
  const m = facilitator();
  apply(m, 'card:merged', { card: card(1, { merged: [{ id: 3 }] }), merged: [3] });
  assert.equal(m.cards.has(3), false);
  assert.equal(m.cards.get(1).merged.length, 1);
  // The dots of merged cards are not moved here: the server sends a fresh state with them.
  assert.equal(votesOn(m, 'cards', 1), 2);
});

test('an attendee keeps their group\'s shown cards, and their own cards elsewhere apart', () => {
  const m = attendee();
  assert.deepEqual([...m.cards.keys()], [1, 2]);
  assert.deepEqual([...m.others.keys()], [7]);
  // The facilitator hides my card: it leaves the group's list and stays mine to see.
  let touched = apply(m, 'card:hidden', { card_id: 1, group_id: 1 });
  assert.equal(m.cards.has(1), false);
  assert.equal(m.others.get(1).hidden, true);
  assert.ok(touched.what.has('set-aside'));
  // Someone else's hidden card just goes.
  touched = apply(m, 'card:hidden', { card_id: 2, group_id: 1 });
  assert.equal(m.others.has(2), false);
  assert.equal(touched.what.has('set-aside'), false);
  // Shown again: back in the list, out of "your other cards".
  apply(m, 'card:updated', { card: card(1) });
  assert.equal(m.cards.has(1), true);
  assert.equal(m.others.has(1), false);
  // My card moved to another group stays mine; another person's leaves.
  apply(m, 'card:updated', { card: card(1, { group_id: 2 }) });
  assert.equal(m.others.get(1).group_id, 2);
  apply(m, 'card:added', { card: card(8, { group_id: 2, participant_id: 99 }) });
  assert.equal(m.cards.has(8) || m.others.has(8), false);
});

test('people join, move, are removed and let back in', () => {
  const m = facilitator();
  let touched = applyRoster(m, 'participant:joined', { participant: { id: 12, group_id: 2, name: 'Cai' } });
  assert.deepEqual([...touched.groups], [2]);
  touched = applyRoster(m, 'participant:updated', { participant: { id: 12, group_id: 1, name: 'Cai' } });
  assert.deepEqual([...touched.groups].sort(), [1, 2]);
  applyRoster(m, 'participant:removed', { participant_id: 12 });
  assert.equal(m.people.has(12), false);
  assert.equal(m.removed.get(12).removed, true);
  applyRoster(m, 'participant:updated', { participant: { id: 12, group_id: 1, name: 'Cai', removed: false } });
  assert.equal(m.people.has(12), true);
  assert.equal(m.removed.has(12), false);
});

test('flags are set and cleared by person', () => {
  const m = facilitator();
  applyRoster(m, 'flags:changed', { flags: [{ participant_id: 10, reasons: ['many_from_address'], source: 1 }] });
  assert.equal(m.flags.get(10).source, 1);
  applyRoster(m, 'flags:changed', { flags: [{ participant_id: 10, reasons: [], source: 1 }] });
  assert.equal(m.flags.has(10), false);
});

test('a screen counts the people in', () => {
  const m = createModel();
  apply(m, 'state', { role: 'screen', people: 4, cards: [] });
  assert.equal(m.people_in, 4);
  apply(m, 'people:changed', { people: 5, online: 5 });
  assert.equal(m.people_in, 5);
});

test('counts merge: a card change sends only the groups it touched', () => {
  const m = facilitator();
  applyRoster(m, 'counts:changed', { counts: { groups: { 2: { people: 0, cards: { challenge: 4 } } } } });
  assert.equal(m.counts.groups[1].cards.challenge, 1);
  assert.equal(m.counts.groups[2].cards.challenge, 4);
  applyRoster(m, 'people:changed', { people: 5, online: 4 });
  assert.equal(m.counts.people, 5);
  assert.equal(m.counts.groups[1].people, 1);
});

test('groups are added and renamed in their order', () => {
  const m = facilitator();
  apply(m, 'group:added', { group: { id: 3, name: 'Policy', position: 2 } });
  apply(m, 'group:renamed', { group: { id: 1, name: 'Operations', position: 0 } });
  assert.deepEqual(m.groups.map((g) => g.name), ['Operations', 'Dev', 'Policy']);
});

test('the phase, the agenda, the timer and the settings replace what was there', () => {
  const m = facilitator();
  let touched = apply(m, 'phase:changed', { phase: phase('vote', { votes: true }), timer: { running: false, remaining: 300 } });
  assert.ok(touched.what.has('run') && touched.what.has('timer'));
  assert.deepEqual(phaseAllows(m), { cards: false, votes: true, report: false });
  apply(m, 'agenda:changed', { agenda: [phase('join')], phase: phase('join') });
  assert.equal(m.agenda.length, 1);
  assert.equal(m.phase.kind, 'join');
  apply(m, 'timer:changed', { timer: { running: true, remaining: 10 } });
  assert.equal(m.timer.running, true);
  apply(m, 'settings:changed', { settings: { votes_per_person: 5 } });
  assert.equal(m.settings.votes_per_person, 5);
  apply(m, 'workshop:closed', {});
  assert.equal(m.settings.closed, true);
  apply(m, 'workshop:reopened', {});
  assert.equal(m.settings.closed, false);
});

test('what a phase allows is read from the server, never worked out here', () => {
  const m = createModel();
  assert.deepEqual(phaseAllows(m), {});
  apply(m, 'state', { role: 'attendee', phase: { kind: 'vote', allows: { cards: true, votes: true, report: false } } });
  assert.equal(phaseAllows(m).cards, true); // cards while voting: the server said so
});

test('themes: created, renamed, deleted (its cards stay, in no theme), listed oldest first', () => {
  const m = facilitator();
  assert.deepEqual(themesOf(m, 1).map((t) => t.name), ['Data', 'Money']);
  apply(m, 'card:updated', { card: card(1, { theme_id: 5 }) });
  apply(m, 'theme:renamed', { theme: { id: 5, group_id: 1, name: 'Budgets', created_at: 2 } });
  assert.equal(m.themes.get(5).name, 'Budgets');
  const before = m.cards.get(1);
  const touched = apply(m, 'theme:deleted', { theme_id: 5, group_id: 1 });
  assert.equal(m.themes.has(5), false);
  assert.equal(m.cards.get(1).theme_id, null);
  assert.notEqual(m.cards.get(1), before); // a new object, so its list item redraws
  assert.deepEqual([...touched.groups], [1]);
});

test('tallies merge the counts that changed; a theme\'s total is the server\'s', () => {
  const m = facilitator();
  apply(m, 'votes:changed', { tallies: { cards: { 3: 1 }, themes: { 5: 4 } } });
  assert.equal(votesOn(m, 'cards', 1), 2);
  assert.equal(votesOn(m, 'cards', 3), 1);
  assert.equal(votesOn(m, 'themes', 5), 4);
  assert.equal(votesOn(m, 'cards', 2), 0);
  apply(m, 'votes:changed', { tallies: { cards: { 3: 0 } } }); // a dot taken back
  assert.equal(votesOn(m, 'cards', 3), 0);
});

test('revealing and hiding votes: the room loses its tallies, the facilitator keeps them', () => {
  const m = facilitator();
  apply(m, 'votes:revealed', { tallies: { cards: { 1: 2 }, themes: {} } });
  assert.equal(m.settings.votes_revealed, true);
  apply(m, 'votes:hidden', {});
  assert.equal(m.settings.votes_revealed, false);
  assert.equal(votesOn(m, 'cards', 1), 2);
  const phone = attendee();
  assert.equal(votesOn(phone, 'cards', 1), null); // not told yet
  apply(phone, 'votes:revealed', { tallies: { cards: { 1: 2 }, themes: {} } });
  assert.equal(votesOn(phone, 'cards', 1), 2);
  apply(phone, 'votes:hidden', {});
  assert.equal(phone.tallies, null);
});

test('report, spotlight and vote progress are kept as sent', () => {
  const m = facilitator();
  apply(m, 'report:changed', { report: { view: 'synthesis', group_id: null } });
  assert.equal(m.report.view, 'synthesis');
  apply(m, 'spotlight:changed', { spotlight: { card_id: 1, theme_id: null } });
  assert.deepEqual(m.spotlight, { card_id: 1, theme_id: null });
  apply(m, 'spotlight:changed', { spotlight: null });
  assert.equal(m.spotlight, null);
  const progress = { total: { all: 1, some: 2, none: 3 }, groups: [{ group_id: 1, all: 1, some: 2, none: 3 }] };
  const touched = apply(m, 'votes:progress', { vote_progress: progress });
  assert.ok(touched.what.has('progress'));
  assert.deepEqual(m.vote_progress, progress);
});

test('an edit after set-up changes the title and the kinds\' labels', () => {
  const m = facilitator();
  const touched = apply(m, 'workshop:edited', {
    workshop: { title: 'New title' }, kinds: [{ id: 'challenge', label: 'Problem' }], phase: { ...phase('brainstorm'), question: 'Why?' },
  });
  assert.equal(m.workshop.title, 'New title');
  assert.equal(m.kinds[0].label, 'Problem');
  assert.equal(m.phase.question, 'Why?');
  assert.ok(touched.what.has('workshop') && touched.what.has('run'));
});

test('events the model does not know change nothing', () => {
  const m = facilitator();
  const touched = apply(m, 'notice', { text: 'Plenary in 5 minutes' });
  assert.equal(touched.what.size, 0);
  assert.equal(m.cards.size, 3);
});
