// Progressive enhancement only: the pages work without it. No inline script anywhere (strict CSP).
(function () {
  var seconds = Number(document.body.getAttribute('data-refresh-seconds'));
  if (seconds > 0) {
    setInterval(function () {
      // Do not reload under someone who is typing in a form.
      var active = document.activeElement;
      if (active && (active.tagName === 'INPUT' || active.tagName === 'TEXTAREA' || active.tagName === 'SELECT')) return;
      // Nor under incidents picked for a bulk change.
      if (document.querySelector('form.bulk-form input[name=ids]:checked')) return;
      if (document.visibilityState === 'visible') window.location.reload();
    }, seconds * 1000);
  }
})();

// "Add source": show only the fields of the chosen type (all are shown without the script).
(function () {
  var select = document.querySelector('select.source-type');
  if (!select) return;
  var groups = document.querySelectorAll('[data-for-types]');
  function update() {
    for (var i = 0; i < groups.length; i++) {
      var types = (groups[i].getAttribute('data-for-types') || '').split(' ');
      groups[i].hidden = types.indexOf(select.value) < 0;
    }
  }
  select.addEventListener('change', update);
  update();
  // A preview can take a few seconds: say so on the button that was pressed.
  var form = select.form;
  if (form) {
    form.addEventListener('submit', function (event) {
      var button = event.submitter;
      if (button && button.classList.contains('preview-button')) button.setAttribute('aria-busy', 'true');
    });
  }
})();

// Report form: refuse a too-big screenshot before uploading it (the server checks again).
(function () {
  var form = document.querySelector('form.report-form');
  if (!form) return;
  var max = Number(form.getAttribute('data-max-bytes'));
  var input = form.querySelector('input[type=file]');
  if (!input || !(max > 0)) return;
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    input.setCustomValidity(file && file.size > max ? input.getAttribute('data-too-big') || '' : '');
    input.reportValidity();
  });
})();
