// Confirmation for destructive buttons (data-confirm), without inline handlers (CSP).
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const message = button && button.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// After a failed form: bring the page's error summary (or else the first marked field) into
// view and focus, opening its folded section, so the message is where the eye and the screen
// reader are; a summary's links move focus to their field.
(() => {
  const target =
    document.getElementById("form-errors") ||
    document.querySelector("[data-error-summary]") ||
    document.querySelector(".is-invalid");
  if (!target) return;
  const folded = target.closest("details");
  if (folded) folded.open = true;
  target.focus();
  target.scrollIntoView({ block: "center" });
})();
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-error-summary] a[href^='#']");
  const field = link && document.getElementById(link.getAttribute("href").slice(1));
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView({ block: "center" });
});

// A filter box (data-filter-choices="<selector of a checkbox list>") hides the choices whose
// label does not contain what is typed, ticked ones stay; the count is read out.
document.querySelectorAll("[data-filter-choices]").forEach((box) => {
  const list = document.querySelector(box.dataset.filterChoices);
  const count = document.getElementById(box.getAttribute("aria-describedby"));
  if (!list) return;
  const choices = [...list.querySelectorAll(".form-check")];
  const filter = () => {
    const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    choices.forEach((choice) => {
      const text = choice.textContent.toLowerCase();
      const checked = choice.querySelector("input").checked;
      const match = checked || words.every((word) => text.includes(word));
      choice.hidden = !match;
      if (match) shown += 1;
    });
    if (count) count.textContent = `${shown} van ${choices.length} casussen getoond`;
  };
  box.addEventListener("input", filter);
  filter();
});
