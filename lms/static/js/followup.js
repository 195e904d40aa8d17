// Enhancement only: show the current value of each range slider next to it.
document.querySelectorAll("input[type=range][data-output]").forEach((input) => {
  const output = document.getElementById(input.dataset.output);
  if (!output) return;
  const update = () => { output.textContent = input.value; };
  input.addEventListener("input", update);
  update();
});
