// Casework pages. No inline handlers (CSP): behaviour is attached here.
(() => {
  // "Casusregie bij" only matters when casusregie continues.
  document.querySelectorAll("form.close-form").forEach((form) => {
    const toggle = form.querySelector("[name='close-case_direction_continues']");
    const by = form.querySelector("[name='close-case_direction_by']");
    if (!toggle || !by) return;
    const wrapper = by.closest(".mb-3") || by.parentElement;
    const sync = () => {
      wrapper.hidden = !toggle.checked;
    };
    toggle.addEventListener("change", sync);
    sync();
  });
  // Print button.
  document.querySelectorAll(".js-print").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
})();
