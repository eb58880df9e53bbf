// Poll the JSON twin of this page; reload when the car has moved, else refresh the clock.
// An answer form is sent once: a second tap while it is on its way does nothing.
(function () {
  var body = document.body;
  var every = (parseInt(body.getAttribute("data-refresh"), 10) || 30) * 1000;
  var url = location.pathname + ".json" + location.search.replace(/([?&])done=[^&]*&?/, "$1");
  var sending = false;
  Array.prototype.forEach.call(document.querySelectorAll("form.answer-form"), function (form) {
    form.addEventListener("submit", function (ev) {
      if (sending) { ev.preventDefault(); return; }
      sending = true;
      var chosen = ev.submitter;
      if (chosen && chosen.name) {  // disabled buttons are not sent: keep the choice
        var keep = document.createElement("input");
        keep.type = "hidden"; keep.name = chosen.name; keep.value = chosen.value;
        form.appendChild(keep);
      }
      setTimeout(function () {
        Array.prototype.forEach.call(document.querySelectorAll("form.answer-form button"),
          function (b) { b.disabled = true; });
      }, 0);
    });
  });
  function tick() {
    if (sending) { return; }
    fetch(url, { cache: "no-store", credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        if (data.signature !== body.getAttribute("data-signature")) {
          location.replace(location.pathname + location.search.replace(/([?&])done=[^&]*&?/, "$1"));
          return;
        }
        var el = document.getElementById("updated");
        if (el && data.updated) { el.textContent = data.updated; }
      })
      .catch(function () {})
      .then(function () { setTimeout(tick, every); });
  }
  setTimeout(tick, every);
})();
