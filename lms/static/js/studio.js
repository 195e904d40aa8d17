// Studio enhancements. Every feature works without this file: move buttons and the
// server-side Preview button are plain forms.
(() => {
  const csrf = () => (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";

  // Drag and drop reordering of modules, lessons and exercises.
  const enableDrag = (list) => {
    const url = list.dataset.orderUrl;
    let dragged = null;
    Array.from(list.children).forEach((item) => {
      if (!item.dataset.id) return;
      item.draggable = true;
      item.addEventListener("dragstart", (event) => {
        event.stopPropagation();
        dragged = item;
        item.classList.add("studio-dragging");
      });
      item.addEventListener("dragend", () => item.classList.remove("studio-dragging"));
      item.addEventListener("dragover", (event) => {
        if (!dragged || dragged.parentElement !== list) return;
        event.preventDefault();
        event.stopPropagation();
        const rect = item.getBoundingClientRect();
        const after = event.clientY > rect.top + rect.height / 2;
        list.insertBefore(dragged, after ? item.nextSibling : item);
      });
      item.addEventListener("drop", (event) => {
        if (!dragged || dragged.parentElement !== list) return;
        event.preventDefault();
        event.stopPropagation();
        dragged = null;
        const ids = Array.from(list.children).map((li) => Number(li.dataset.id)).filter(Boolean);
        fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
          body: JSON.stringify({ ids }),
          credentials: "same-origin",
        }).then((response) => {
          // On a conflict the server's order wins: reload to show it.
          if (!response.ok) window.location.reload();
        });
      });
    });
  };

  // Live preview beside the lesson editor, through the same server renderer.
  const enablePreview = (form) => {
    const textarea = form.querySelector("textarea[name=body]");
    const target = document.getElementById("lesson-preview");
    if (!textarea || !target) return;
    let timer = null;
    textarea.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const body = new FormData();
        body.append("body", textarea.value);
        fetch(form.dataset.previewUrl, {
          method: "POST",
          headers: { "X-CSRFToken": csrf() },
          body,
          credentials: "same-origin",
        })
          .then((response) => response.json())
          .then((data) => {
            if (data.ok) {
              // The HTML comes from the server's Markdown renderer and nh3 sanitiser.
              target.innerHTML = data.html;
            } else {
              target.textContent = data.error;
            }
          });
      }, 600);
    });
  };

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-order-url]").forEach(enableDrag);
    const form = document.getElementById("lesson-form");
    if (form && form.dataset.previewUrl) enablePreview(form);
  });
})();
