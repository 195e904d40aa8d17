// Autosave of reflection drafts. The form works without this: it only saves in the background.
(function () {
  "use strict";
  var form = document.getElementById("reflection-form");
  if (!form || !form.dataset.autosaveUrl || !window.fetch) { return; }
  var textarea = form.querySelector("textarea[name=text]");
  var status = document.getElementById("autosave-status");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  var lastSaved = textarea.value;
  var timer = null;

  function save() {
    timer = null;
    if (textarea.value === lastSaved) { return; }
    var value = textarea.value;
    var body = new FormData();
    body.append("text", value);
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "", "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (result.ok) {
        lastSaved = value;
        if (status) { status.textContent = status.dataset.saved || "Draft saved."; }
      } else if (status) {
        status.textContent = result.data.error || "";
      }
    }).catch(function () { /* offline: the Save draft button still works */ });
  }

  textarea.addEventListener("input", function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 3000);
  });
  textarea.addEventListener("blur", save);
})();
