// The page's words in the reader's language. The server renders, from the same Babel
// catalogues as the templates, a JSON block <script type="application/json" id="messages">
// mapping each English message to its translation (empty for English). Messages are
// marked t('…'), tn('…', '…', n) or N_('…') so that `pybabel extract` finds them.

const block = document.getElementById('messages');
const messages = block ? JSON.parse(block.textContent) : {};
const plural = new Intl.PluralRules(document.documentElement.lang || 'en');

/** Replaces each {name} with params.name; unknown names stay as written. */
const fill = (text, params) => text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));

/** The translation of `text`, with its {placeholders} filled in. */
export function t(text, params = {}) {
  const translated = messages[text];
  return fill(typeof translated === 'string' ? translated : text, params);
}

/** One of two forms by the count `n`, which also fills {n}. */
export function tn(one, other, n, params = {}) {
  const forms = Array.isArray(messages[one]) ? messages[one] : [one, other];
  return fill(plural.select(n) === 'one' ? forms[0] : forms[1], { n, ...params });
}

/** Marks a message for extraction where it is looked up later. */
export const N_ = (text) => text;

// The phase names and questions of the built-in agendas (workshop/domain/phases.py) are
// stored with each workshop in English. Unchanged, they are the app's words and are
// translated; whatever the facilitator wrote instead is shown as written.
const BUILT_IN = new Set([
  N_('Join'), N_('Challenges and opportunities'), N_('Cluster into themes'), N_('Vote'), N_('Report back'),
  N_('1 · On your own, in silence'), N_('2 · In pairs'), N_('4 · In fours'), N_('All · The whole room'),
  N_('Write your own ideas, alone.'), N_('With a neighbour: build on each other\'s ideas.'),
  N_('Two pairs together: what stands out?'),
]);

/** A phase name or question: translated if it is a built-in one, else as written. */
export const phaseText = (text) => (BUILT_IN.has(text) ? t(text) : text);

// Common refusals, by their stable code (docs/protocol.md, "Error codes"). The server's
// English message is often more precise (it names the limit), so it is kept for English
// and for codes not listed here.
const ERRORS = {
  empty_text: N_('Write something first.'),
  text_too_long: N_('That text is too long.'),
  name_required: N_('Please give your name.'),
  unknown_group: N_('That group does not exist any more.'),
  not_found: N_('That item does not exist any more.'),
  not_allowed: N_('You may not do that.'),
  not_joined: N_('Join the workshop first.'),
  rate_limited: N_('Too many actions at once. Wait a moment and try again.'),
  card_limit: N_('You have posted as many cards as allowed.'),
  workshop_full: N_('The workshop is full.'),
  wrong_phase: N_('That is not possible in this phase.'),
  no_votes_left: N_('You have no dots left.'),
  duplicate_vote: N_('You have already put a dot here.'),
  not_your_group: N_('That belongs to another group.'),
  group_locked: N_('This group is locked.'),
  group_full: N_('This group is full. Choose another one.'),
  removed: N_('The facilitator removed you from this workshop.'),
  storage_full: N_('The laptop’s disk is full: nothing was saved.'),
  storage_read_only: N_('The server cannot save right now: nothing was saved.'),
  storage_unavailable: N_('Nothing was saved. Try again.'),
  workshop_unavailable: N_('This workshop cannot be opened right now.'),
  internal: N_('Something went wrong on the server. Try again.'),
};

/** What to show for a refusal `{code, message}`: ours by its code, else the server's message. */
export function errorText(error) {
  const known = ERRORS[error.code];
  return known && typeof messages[known] === 'string' ? messages[known] : error.message;
}
