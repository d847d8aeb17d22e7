// Progressive enhancement only: the pages work without it. No inline script anywhere (strict CSP).
(function () {
  var seconds = Number(document.body.getAttribute('data-refresh-seconds'));
  if (seconds > 0) {
    setInterval(function () {
      // Do not reload under someone who is typing in a form.
      var active = document.activeElement;
      if (active && (active.tagName === 'INPUT' || active.tagName === 'TEXTAREA' || active.tagName === 'SELECT')) return;
      if (document.visibilityState === 'visible') window.location.reload();
    }, seconds * 1000);
  }
})();
