// Progressive enhancement only: every page works without this file.
(() => {
  "use strict";

  // Danger actions: <form data-confirm="…"> or <button data-confirm="…"> asks before submitting.
  // Registered on the document in the capture phase so it runs before any other submit handler.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      const submitter = event.submitter;
      const question = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
      if (question && !window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );
  // A link styled as a danger button (rare) asks too.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-confirm]");
    if (link && !window.confirm(link.dataset.confirm)) event.preventDefault();
  });

  // Loading state: the button that submitted a form shows a spinner and ignores a second click.
  // It is not disabled, so its name and value still reach the server.
  document.addEventListener("submit", (event) => {
    if (event.defaultPrevented) return;
    const button = event.submitter;
    if (!button || !button.classList.contains("button") || button.hasAttribute("data-no-busy")) return;
    if (event.target.target === "_blank" || button.formTarget === "_blank") return;
    button.setAttribute("aria-busy", "true");
    // A download answers without leaving the page: give the button back after a while.
    window.setTimeout(() => button.removeAttribute("aria-busy"), 8000);
    // Back/forward cache: a restored page must not keep a spinning button.
    window.addEventListener("pageshow", () => button.removeAttribute("aria-busy"), { once: true });
  });

  function setUpMenu() {
    const header = document.querySelector(".site-header");
    const toggle = header && header.querySelector(".nav-toggle");
    const menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!menu) return;
    header.classList.add("js-nav");
    toggle.hidden = false;
    const setOpen = (open) => {
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    };
    toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Mark the main-menu link of the current section.
  function markCurrentNav() {
    const path = window.location.pathname;
    let best = null;
    document.querySelectorAll(".main-nav a[href]").forEach((link) => {
      const href = link.getAttribute("href");
      if (href !== "/" && path.startsWith(href) && (!best || href.length > best.getAttribute("href").length)) best = link;
    });
    if (best && !document.querySelector(".main-nav [aria-current]")) best.setAttribute("aria-current", "page");
  }

  // Wide tables scroll inside their own box; a scrolling box must be reachable by keyboard.
  function wrapTables() {
    document.querySelectorAll("main table").forEach((table) => {
      let wrap = table.parentElement;
      if (!wrap.classList.contains("table-wrap")) {
        wrap = document.createElement("div");
        wrap.className = "table-wrap";
        table.parentNode.insertBefore(wrap, table);
        wrap.appendChild(table);
      }
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        wrap.tabIndex = 0;
        if (!wrap.hasAttribute("role")) wrap.setAttribute("role", "region");
        const caption = table.querySelector("caption");
        if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
          wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
        }
      }
    });
  }

  // Panels that are folded on a phone but belong open on a wide screen (the lesson outline).
  function openWidePanels() {
    const wide = window.matchMedia("(min-width: 56rem)");
    const apply = () => {
      if (!wide.matches) return;
      document.querySelectorAll("details[data-open-wide]").forEach((details) => {
        details.open = true;
      });
    };
    apply();
    wide.addEventListener("change", apply);
  }

  document.addEventListener("DOMContentLoaded", () => {
    openWidePanels();
    setUpMenu();
    markCurrentNav();
    wrapTables();
  });
})();
