// How every page connects, shows the connection, and sends one-off actions.
import { io } from '../../vendor/socket.io.esm.min.js';
import { errorText, t } from './i18n.js';

const NO_ANSWER = 'no_answer'; // made here, never by the server: the action may not have arrived

/** Opens the page's socket; `auth` may be a function so each reconnect reads fresh credentials. */
export function connect(auth, code) {
  // `w` lets a proxy route by workshop when workshops are spread over several processes.
  const socket = io({ auth, query: { w: code } });
  // Loaded when a notice arrives: most pages never get one, and phones pay for every byte.
  socket.on('notice', (notice) => import('./notice.js').then((module) => module.showNotice(notice)));
  // The server says why before it cuts a connection on purpose (`closing`); the client does
  // not reconnect by itself after that, so the page does, after a pause.
  socket.on('closing', (reason) => {
    socket.closing = reason;
    setTimeout(() => { socket.closing = null; socket.connect(); }, RECONNECT_AFTER_CLOSING_MS);
  });
  return socket;
}

const RECONNECT_AFTER_CLOSING_MS = 10000;

/** Keeps `banner` (a role="status" element) in step with the socket. */
export function showStatus(socket, banner, offlineText = t('Offline – reconnecting…')) {
  let connectedOnce = false;
  const set = (status, text) => {
    banner.dataset.status = status;
    banner.textContent = text;
  };
  set('connecting', t('Connecting…'));
  socket.on('connect', () => {
    connectedOnce = true;
    set('online', t('Connected'));
  });
  socket.on('disconnect', () => {
    if (socket.closing) set('refused', errorText(socket.closing));
    else set('offline', offlineText);
  });
  socket.on('connect_error', (err) => {
    // The client retries by itself after network errors (socket.active); a refusal by the
    // server is final unless the page reconnects on purpose, as the attendee page does.
    if (!socket.active) set('refused', err.data && err.data.message ? errorText(err.data) : err.message);
    else set(connectedOnce ? 'offline' : 'connecting', connectedOnce ? offlineText : t('Connecting…'));
  });
}

/** Sends one action and settles with its ack, or an error of the same shape when offline. */
export function request(socket, event, payload) {
  return new Promise((resolve) => {
    // Never emit while offline: socket.io would buffer it and send it after the timeout.
    if (!socket.connected) {
      resolve(failure(t('You are offline. Try again when the connection is back.')));
      return;
    }
    socket.timeout(8000).emit(event, payload, (err, ack) => {
      resolve(err ? failure(t('No answer from the server. Check the connection and try again.')) : ack);
    });
  });
}

const failure = (message) => ({ ok: false, error: { code: NO_ANSWER, message, field: null } });
