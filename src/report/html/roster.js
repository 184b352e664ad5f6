(function () {
  var table = document.getElementById('roster');
  var body = table.tBodies[0];
  var filter = document.getElementById('filter');
  var status = document.getElementById('status-filter');
  var count = document.getElementById('count');
  var heads = table.tHead.rows[0].cells;
  function key(row, col) {
    var cell = row.cells[col];
    var v = cell.getAttribute('data-value');
    return v === null ? cell.textContent.trim().toLowerCase() : v;
  }
  function sortBy(col, dir) {
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col);
      if (x === y) { return (+a.getAttribute('data-index')) - (+b.getAttribute('data-index')); }
      if (x === '') { return 1; }
      if (y === '') { return -1; }
      return (x < y ? -1 : 1) * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute('aria-sort'); }
    heads[col].setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
  }
  function apply() {
    var text = filter.value.trim().toLowerCase();
    var want = status.value;
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (r) {
      var ok = (!text || r.textContent.toLowerCase().indexOf(text) >= 0) &&
               (!want || r.getAttribute('data-status') === want);
      r.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = shown + ' of ' + body.rows.length + ' rows';
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    th.tabIndex = 0;
    function go() { sortBy(i, th.getAttribute('aria-sort') === 'ascending' ? -1 : 1); }
    th.addEventListener('click', go);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') { go(); } });
  });
  filter.addEventListener('input', apply);
  status.addEventListener('change', apply);
  // #sort=COLUMN&dir=desc&filter=TEXT&status=STATUS, for links to a view;
  // a malformed percent-escape (`%E0%A4`, a cut-off link) is taken as
  // written rather than stopping the page
  function decoded(s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  }
  var params = {};
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var i = kv.indexOf('=');
    if (i > 0) { params[kv.slice(0, i)] = decoded(kv.slice(i + 1)); }
  });
  if (params.filter) { filter.value = params.filter; }
  if (params.status) { status.value = params.status; }
  if (params.sort) {
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].getAttribute('data-key') === params.sort) { sortBy(i, params.dir === 'desc' ? -1 : 1); }
    }
  }
  apply();
  document.body.setAttribute('data-ready', 'true');
})();
