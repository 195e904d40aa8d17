// Enhances the calendar-feed field with a copy button (the page works without it).
document.querySelectorAll("[data-copy-target]").forEach((button) => {
  const input = document.getElementById(button.dataset.copyTarget);
  if (!input || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(input.value).then(() => {
      button.textContent = button.dataset.copied || gettext("Copied");
    });
  });
});
