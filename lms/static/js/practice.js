// Practice conversations: record a take in the browser (MediaRecorder) and comment at moments of a
// take. Both pages work without this script (upload form; typed moments and links to the media),
// it only adds the recorder, the keyboard shortcut and the clickable timeline.
(function () {
  "use strict";

  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = h ? (m < 10 ? "0" : "") + m : String(m);
    return (h ? h + ":" : "") + mm + ":" + (s < 10 ? "0" : "") + s;
  }

  // --- Recorder -------------------------------------------------------------------------------
  var recorder = document.getElementById("recorder");
  if (recorder && window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    recorder.hidden = false;
    var maxSeconds = parseInt(recorder.dataset.maxSeconds, 10) || 600;
    var status = document.getElementById("recorder-status");
    var timer = document.getElementById("recorder-timer");
    var start = document.getElementById("record-start");
    var stop = document.getElementById("record-stop");
    var preview = document.getElementById("recorder-preview");
    var previewPlayer = document.getElementById("recorder-preview-player");
    var again = document.getElementById("record-again");
    var upload = document.getElementById("record-upload");
    var video = document.getElementById("record-video");
    var token = recorder.querySelector("input[name=csrfmiddlewaretoken]");
    var media = null, stream = null, chunks = [], take = null, startedAt = 0, ticker = null, elapsed = 0;

    var say = function (text) { status.textContent = text; };
    var release = function () {
      if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
      if (ticker) { clearInterval(ticker); ticker = null; }
    };
    var showTake = function () {
      var type = (media && media.mimeType) || (video.checked ? "video/webm" : "audio/webm");
      take = new Blob(chunks, { type: type });
      var player = document.createElement(video.checked ? "video" : "audio");
      player.controls = true;
      player.src = URL.createObjectURL(take);
      player.setAttribute("data-testid", "take-preview");
      previewPlayer.replaceChildren(player);
      preview.hidden = false;
      stop.hidden = true;
      start.hidden = false;
      start.textContent = gettext("Record again");
      say(gettext("Recording stopped. Play your take back, then keep it or record again."));
      upload.focus();
    };
    var begin = function () {
      chunks = [];
      media = new MediaRecorder(stream);
      media.addEventListener("dataavailable", function (e) { if (e.data && e.data.size) { chunks.push(e.data); } });
      media.addEventListener("stop", function () { release(); showTake(); });
      media.start(1000);
      startedAt = Date.now();
      elapsed = 0;
      say(gettext("Recording…"));
      stop.hidden = false;
      stop.focus();
      ticker = setInterval(function () {
        elapsed = (Date.now() - startedAt) / 1000;
        timer.textContent = clock(elapsed) + " / " + clock(maxSeconds);
        if (elapsed >= maxSeconds && media.state === "recording") { media.stop(); }
      }, 250);
    };
    var countdown = function (n) {
      if (n === 0) { begin(); return; }
      say(interpolate(gettext("Recording starts in %s…"), [n]));
      setTimeout(function () { countdown(n - 1); }, 1000);
    };
    start.addEventListener("click", function () {
      preview.hidden = true;
      start.hidden = true;
      say(gettext("Your browser asks to use your microphone. Choose Allow to record."));
      navigator.mediaDevices.getUserMedia({ audio: true, video: video.checked }).then(function (s) {
        stream = s;
        countdown(3);
      }).catch(function () {
        start.hidden = false;
        say(gettext("The browser did not allow the recording. Allow the microphone in the address bar, or upload a file below."));
      });
    });
    stop.addEventListener("click", function () { if (media && media.state === "recording") { media.stop(); } });
    again.addEventListener("click", function () { start.click(); });
    upload.addEventListener("click", function () {
      if (!take) { return; }
      var body = new FormData();
      var extension = take.type.indexOf("mp4") !== -1 ? ".mp4" : (take.type.indexOf("ogg") !== -1 ? ".ogg" : ".webm");
      body.append("file", take, "take" + extension);
      body.append("duration_ms", String(Math.round(elapsed * 1000)));
      if (video.checked) { body.append("video", "on"); }
      upload.disabled = true;
      say(gettext("Uploading your take…"));
      fetch(recorder.dataset.uploadUrl, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "", "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.json();
      }).then(function (data) {
        if (data.ok) { window.location.assign(data.url); return; }
        upload.disabled = false;
        say(data.error || gettext("The upload failed. Please try again."));
      }).catch(function () {
        upload.disabled = false;
        say(gettext("The upload failed. Please try again."));
      });
    });
  }

  // --- Player with time-stamped comments -------------------------------------------------------
  var panel = document.getElementById("practice-player");
  var player = document.getElementById("practice-media");
  if (!panel || !player) { return; }
  var at = document.getElementById("comment-at");
  var text = document.getElementById("comment-text");
  var now = document.getElementById("comment-now");
  var knownMs = parseInt(panel.dataset.durationMs, 10);

  function duration() {
    if (isFinite(player.duration) && player.duration > 0) { return player.duration; }
    return knownMs > 0 ? knownMs / 1000 : 0;
  }
  function placeMarkers() {
    var total = duration();
    panel.querySelectorAll(".marker").forEach(function (marker) {
      var seconds = parseInt(marker.dataset.seekMs, 10) / 1000;
      marker.style.left = total ? Math.min(100, (seconds / total) * 100) + "%" : "0%";
      marker.title = clock(seconds);
    });
    panel.classList.add("timeline-ready");
  }
  function seek(ms) {
    player.currentTime = ms / 1000;
    player.focus();
  }
  function commentNow() {
    player.pause();
    at.value = clock(player.currentTime);
    text.focus();
  }
  document.querySelectorAll("[data-seek-ms]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      seek(parseInt(link.dataset.seekMs, 10));
      if (link.classList.contains("jump")) { panel.scrollIntoView({ block: "start" }); }
    });
  });
  player.addEventListener("loadedmetadata", placeMarkers);
  placeMarkers();
  if (now && at) {
    now.hidden = false;
    now.addEventListener("click", commentNow);
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (/^(INPUT|TEXTAREA|SELECT)$/).test(target.tagName);
      if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
      if (event.key === "c" || event.key === "C") { event.preventDefault(); commentNow(); }
      if (target === player && (event.key === "ArrowLeft" || event.key === "ArrowRight")) {
        event.preventDefault();
        player.currentTime = Math.max(0, player.currentTime + (event.key === "ArrowLeft" ? -5 : 5));
      }
    });
    player.addEventListener("timeupdate", function () {
      if (document.activeElement !== at) { at.placeholder = clock(player.currentTime); }
    });
  }
})();
