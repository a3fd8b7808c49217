// Intake and registration forms. Progressive enhancement only: without JavaScript every
// field shows and the forms work the same (CSP: no inline script).
(() => {
  // Groups marked data-show-when="<field>" show only when that yes/no field is "ja".
  document.querySelectorAll("[data-show-when]").forEach((group) => {
    const form = group.closest("form");
    const name = group.dataset.showWhen;
    if (!form || !name) return;
    const radios = form.querySelectorAll(`input[type="radio"][name="${name}"]`);
    if (!radios.length) return;
    const update = () => {
      const checked = form.querySelector(`input[type="radio"][name="${name}"]:checked`);
      group.hidden = !(checked && checked.value === "true");
    };
    radios.forEach((radio) => radio.addEventListener("change", update));
    update();
  });

  // Warn before leaving a form with unsaved changes (half-done intakes are common).
  document.querySelectorAll("form[data-warn-unsaved]").forEach((form) => {
    let dirty = false;
    form.addEventListener("input", () => { dirty = true; });
    form.addEventListener("change", () => { dirty = true; });
    form.addEventListener("submit", () => { dirty = false; });
    window.addEventListener("beforeunload", (event) => {
      if (dirty) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  });
})();
