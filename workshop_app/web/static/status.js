// Poll the JSON twin of this page; reload when the car has moved, else refresh the clock.
(function () {
  var body = document.body;
  var every = (parseInt(body.getAttribute("data-refresh"), 10) || 30) * 1000;
  var url = location.pathname + ".json" + location.search;
  function tick() {
    fetch(url, { cache: "no-store", credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        if (data.signature !== body.getAttribute("data-signature")) { location.reload(); return; }
        var el = document.getElementById("updated");
        if (el && data.updated) { el.textContent = data.updated; }
      })
      .catch(function () {})
      .then(function () { setTimeout(tick, every); });
  }
  setTimeout(tick, every);
})();
