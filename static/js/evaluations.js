// Plan van aanpak and evaluations: progressive enhancement only; every form works without JS.
(() => {
  // "Nog een betrokkene": clone the formset's empty form and bump TOTAL_FORMS.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add-form]");
    if (!button) return;
    const prefix = button.dataset.prefix;
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const template = document.getElementById(`${button.dataset.addForm}-empty`);
    const target = document.getElementById(`${button.dataset.addForm}-forms`);
    if (!total || !template || !target) return;
    const index = Number(total.value);
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    target.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const added = target.lastElementChild;
    const first = added && added.querySelector("input, select, textarea");
    if (first) first.focus();
  });

  // At the 3-month evaluation: show the adjusted-goal fields only when "doel aanpassen" is ticked.
  const sync = (checkbox) => {
    const block = document.querySelector(`[data-adjust-for="${checkbox.id}"]`);
    if (block) block.hidden = !checkbox.checked;
  };
  document.addEventListener("change", (event) => {
    if (event.target.matches("input[type=checkbox][name$='-adjust']")) sync(event.target);
  });
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[type=checkbox][name$='-adjust']").forEach(sync);
  });
})();
