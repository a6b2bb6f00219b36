// What every part of the dashboard shares: the page's elements, the socket, the one model
// (lib/model.js) and how a steering action is sent and its refusal shown.
import { connect, request } from '../lib/socket.js';
import { errorText } from '../lib/i18n.js';
import { apply, createModel } from '../lib/model.js';
import { applyRoster } from './roster.js';

export const $ = (id) => document.getElementById(id);
export const code = document.querySelector('main[data-code]').dataset.code;

// No key here: the page's signed cookie (set when the key link was opened) authorizes us.
export const socket = connect({ code, role: 'facilitator' }, code);

/** What the server told us, kept current by lib/model.js (and roster.js for people). */
export const model = { ...createModel(), people: new Map(), removed: new Map(), flags: new Map(), counts: null };

let drawer = () => {};
/** The page's drawing, told what each change touched (dashboard.js sets it). */
export const onChange = (draw) => { drawer = draw; };

/** Applies a server event, or an ack that says the same, to the model and redraws what it touched. */
export function update(event, payload) {
  const touched = apply(model, event, payload);
  const people = applyRoster(model, event, payload);
  people.what.forEach((part) => touched.what.add(part));
  people.groups.forEach((id) => touched.groups.add(id));
  drawer(touched, event, payload);
  return touched;
}

/** Sends a steering action; a refusal is shown in the page's alert line. */
export async function act(event, payload) {
  const ack = await request(socket, event, payload);
  $('error').hidden = ack.ok;
  if (!ack.ok) $('error').textContent = errorText(ack.error);
  return ack.ok ? ack : null;
}

export function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
}

/** Speaks through the polite live region. */
export function say(text) {
  $('announce').textContent = text;
}

/**
 * A button that disables or hides itself under the keyboard's focus (Pause, Reveal votes...)
 * hands the focus to the first usable one of `ids`, instead of dropping it to the page's top.
 */
export function passFocus(had, ids) {
  if (!had || !ids.includes(had.id) || !(had.disabled || had.hidden)) return;
  const next = ids.map($).find((b) => !b.disabled && !b.hidden);
  if (next) next.focus();
}

export const groupName = (id) => (model.groups.find((g) => g.id === id) || { name: '…' }).name;
