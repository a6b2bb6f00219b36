// Keeps posted actions in localStorage until the server acknowledges them, so a phone that
// drops or reloads loses nothing. Each item carries a client_id: the server stores a resend
// once, so sending an item twice is safe.

const RETRY_MS = 3000;
// Items in flight at once: a long queue resent on reconnect goes out a few at a time, well
// within the server's limits, instead of all in one burst.
const AT_ONCE = 4;
// Answers that mean "not now" rather than "no": the item is kept and sent again later.
const LATER = new Set(['not_joined', 'rate_limited']);

/**
 * `onSettled(item, ack)` runs once per item when the server answers (ack.ok or a refusal).
 * Items wait until `open()`: the server must know who we are (joined) before they go.
 */
export function createOutbox(socket, key, onSettled) {
  let pending = load(key);
  let isOpen = false;
  const inFlight = new Set();
  const save = () => localStorage.setItem(key, JSON.stringify(pending));

  const sendOne = (item) => {
    inFlight.add(item);
    socket.timeout(8000).emit(item.event, item.payload, (err, ack) => {
      inFlight.delete(item);
      if (err) { // no answer (dropped or slow): keep it and try again
        setTimeout(flush, RETRY_MS);
        return;
      }
      if (!ack.ok && LATER.has(ack.error.code)) { // keep it: for the next open(), or a moment
        if (ack.error.code === 'rate_limited') setTimeout(flush, RETRY_MS);
        return;
      }
      pending = pending.filter((i) => i !== item);
      save();
      onSettled(item, ack); // a refusal is final: resending the same text would fail again
      flush(); // the next waiting item, if any
    });
  };
  const flush = () => {
    if (!isOpen || !socket.connected) return;
    const waiting = pending.filter((i) => !inFlight.has(i));
    waiting.slice(0, Math.max(0, AT_ONCE - inFlight.size)).forEach(sendOne);
  };
  socket.on('disconnect', () => {
    isOpen = false;
  });

  return {
    /** The items not yet acknowledged, oldest first. */
    items: () => pending.slice(),
    /** Call when the server has accepted this client (after each connect): sends what waits. */
    open() {
      isOpen = true;
      flush();
    },
    send(event, payload) {
      const item = { event, payload: { ...payload, client_id: newId() } };
      pending.push(item);
      save();
      flush();
      return item;
    },
  };
}

function load(key) {
  try {
    const items = JSON.parse(localStorage.getItem(key) || '[]');
    return Array.isArray(items) ? items : [];
  } catch {
    return []; // a corrupt entry must not stop the page
  }
}

// Not crypto.randomUUID(): it needs HTTPS, and phones reach us over plain http on the LAN.
const newId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)),
  (b) => b.toString(16).padStart(2, '0')).join('');
