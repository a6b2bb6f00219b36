// The owner's list of workshops narrows as the title is typed; the search form does the
// same on the server without JavaScript (`/?q=`).
const search = document.getElementById('search-title');
const list = document.getElementById('workshops');
const none = document.getElementById('search-none');
if (search && list) {
  search.addEventListener('input', () => {
    const wanted = search.value.trim().toLowerCase();
    let shown = 0;
    for (const item of list.querySelectorAll('li.workshop')) {
      const match = !wanted || (item.dataset.title || '').includes(wanted);
      item.hidden = !match;
      if (match) shown += 1;
    }
    none.hidden = shown > 0;
  });
}
