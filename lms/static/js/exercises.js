// Autosave of reflection drafts. The form works without this: it only saves in the background.
// Once the form is being submitted nothing more is autosaved: clicking "Submit" blurs the text
// area, and a draft sent then raced the submission (the server refused the late draft).
(function () {
  "use strict";
  var form = document.getElementById("reflection-form");
  if (!form || !form.dataset.autosaveUrl || !window.fetch) { return; }
  var textarea = form.querySelector("textarea[name=text]");
  var status = document.getElementById("autosave-status");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  var lastSaved = textarea.value;
  var timer = null;
  var submitting = false;
  var BLUR_DELAY = 400; // long enough for a click on a button of this form to reach "submit"

  function schedule(delay) {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, delay);
  }

  function save() {
    timer = null;
    if (submitting || textarea.value === lastSaved) { return; }
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
      if (submitting || result.data.submitted) { return; }
      if (result.ok) {
        lastSaved = value;
        if (status) { status.textContent = status.dataset.saved || gettext("Draft saved."); }
      } else if (status) {
        status.textContent = result.data.error || "";
      }
    }).catch(function () { /* offline: the Save draft button still works */ });
  }

  textarea.addEventListener("input", function () { schedule(3000); });
  textarea.addEventListener("blur", function (event) {
    // Focus moving to this form's buttons means the participant is about to save or submit.
    if (event.relatedTarget && event.relatedTarget.form === form) { return; }
    schedule(BLUR_DELAY);
  });
  form.addEventListener("submit", function () {
    submitting = true;
    if (timer) { clearTimeout(timer); timer = null; }
  });
})();
