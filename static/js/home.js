// The owner's home page: the list of workshops narrows as the title is typed (the search form
// does the same on the server without JavaScript, `/?q=`), stays up to date as workshops
// change on any server process, and sends the owner's message to everyone.
const search = document.getElementById('search-title');

function filterList() {
  const list = document.getElementById('workshops');
  if (!search || !list) return;
  const wanted = search.value.trim().toLowerCase();
  let shown = 0;
  for (const item of list.querySelectorAll('li.workshop')) {
    const match = !wanted || (item.dataset.title || '').includes(wanted);
    item.hidden = !match;
    if (match) shown += 1;
  }
  document.getElementById('search-none').hidden = shown > 0 || !wanted;
}

if (search) search.addEventListener('input', filterList);

// A template's copy being named: which workshop's form is open, what is typed, and whether
// the caret is in it, so that swapping the list in neither closes it nor loses a letter.
function openCopies(holder) {
  return [...holder.querySelectorAll('details.template-form[open]')].map((details) => {
    const input = details.querySelector('input[name="title"]');
    return {
      code: details.closest('li.workshop')?.dataset.code,
      title: input ? input.value : '',
      focused: input !== null && input === document.activeElement,
    };
  });
}

function reopenCopies(holder, copies) {
  for (const copy of copies) {
    const item = [...holder.querySelectorAll('li.workshop')].find((li) => li.dataset.code === copy.code);
    const details = item?.querySelector('details.template-form');
    if (!details) continue;
    details.open = true;
    const input = details.querySelector('input[name="title"]');
    if (input) input.value = copy.title;
    if (input && copy.focused) input.focus();
  }
}

// Fetches this page again and swaps its list in, keeping the ticked series boxes, an open
// template form and the filter.
async function refreshList() {
  const holder = document.getElementById('workshop-list');
  const response = await fetch(window.location.href, { credentials: 'same-origin' });
  if (!holder || !response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const fresh = page.getElementById('workshop-list');
  if (!fresh) return;
  const ticked = new Set([...holder.querySelectorAll('input[name="w"]:checked')].map((box) => box.value));
  const prefix = document.getElementById('series-prefix');
  const typed = prefix ? prefix.value : '';
  const copies = openCopies(holder);
  holder.replaceChildren(...fresh.childNodes);
  reopenCopies(holder, copies);
  for (const box of holder.querySelectorAll('input[name="w"]')) box.checked = ticked.has(box.value);
  const newPrefix = document.getElementById('series-prefix');
  if (newPrefix) newPrefix.value = typed;
  filterList();
}

// The server tells the owner's list at most every two seconds; one fetch at a time.
let fetching = null;
let again = false;
function onChanged() {
  if (fetching) {
    again = true;
    return;
  }
  fetching = refreshList()
    .catch(() => {})
    .finally(() => {
      fetching = null;
      if (again) {
        again = false;
        onChanged();
      }
    });
}

const noticeSection = document.getElementById('notice-section');
if (noticeSection) {
  const { io } = await import('../vendor/socket.io.esm.min.js');
  // Websocket only: behind nginx this connection names no workshop, so successive polling
  // requests could reach different processes.
  const socket = io({ auth: { role: 'owner' }, transports: ['websocket'] });
  socket.on('workshops:changed', onChanged);
  socket.on('connect', () => document.body.setAttribute('data-owner-live', 'yes'));

  noticeSection.hidden = false;
  const form = document.getElementById('notice-form');
  const text = document.getElementById('notice-text');
  const status = document.getElementById('notice-status');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    try {
      const response = await fetch('/api/notices', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: text.value }),
      });
      const body = await response.json();
      if (body.ok) {
        status.textContent = status.dataset.sent;
        text.value = '';
      } else {
        status.textContent = body.error.message;
      }
    } catch {
      status.textContent = status.dataset.failed;
    }
  });
}
