// The page's words in the reader's language. The server renders, from the same Babel
// catalogues as the templates, <script type="application/json" id="messages"> (i18n.py,
// messages_for): English message -> translation, refusal code -> translation, built-in
// phase text -> translation; empty for English. Messages are marked t('…') or
// tn('…', '…', n) so that `pybabel extract` finds them.

const block = document.getElementById('messages');
const { messages = {}, errors = {}, phases = {} } = block ? JSON.parse(block.textContent) : {};
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

/** What to show for a refusal `{code, message}`: ours by its code, else the server's message. */
export const errorText = (error) => errors[error.code] || error.message;

/** A phase name or question: translated if it is a built-in one, else as written. */
export const phaseText = (text) => phases[text] || text;

/** Marks a message for extraction where it is translated later, with t(text). */
export const N_ = (text) => text;
