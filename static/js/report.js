// The report's two conveniences; without JavaScript the page still works (the Update button
// applies the checkbox, and the browser's own menu prints).
const names = document.getElementById('include-names');
names.addEventListener('change', () => names.form.submit());
const print = document.getElementById('print-report');
print.hidden = false;
print.addEventListener('click', () => window.print());
