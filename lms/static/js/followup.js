// Enhancement only: show the current value of each range slider next to it.
document.querySelectorAll("input[type=range][data-output]").forEach((input) => {
  const output = document.getElementById(input.dataset.output);
  if (!output) return;
  const update = () => { output.textContent = input.value; };
  input.addEventListener("input", update);
  update();
});

// Enhancement only: a gentle, live hint when "why this matters" is filled in but short. Never blocks.
document.querySelectorAll("textarea[data-min-words][data-short-hint]").forEach((area) => {
  const hint = document.createElement("p");
  hint.className = "helptext why-hint";
  hint.setAttribute("aria-live", "polite");
  area.insertAdjacentElement("afterend", hint);
  const min = Number(area.dataset.minWords);
  const update = () => {
    const words = area.value.trim().split(/\s+/).filter(Boolean).length;
    hint.textContent = words > 0 && words < min ? area.dataset.shortHint : "";
  };
  area.addEventListener("input", update);
  update();
});
