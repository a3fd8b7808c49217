// Toestemming tab: show the upload field only when a signed form is uploaded.
// No inline handlers (CSP); the server checks everything again.
(() => {
  const form = document.querySelector("form[data-consent-form]");
  if (!form) return;
  const fileGroup = form.querySelector("#div_id_signed_file");
  const radios = form.querySelectorAll('input[name="method"]');
  if (!fileGroup || !radios.length) return;
  const update = () => {
    const checked = form.querySelector('input[name="method"]:checked');
    fileGroup.hidden = checked !== null && checked.value === "conversation";
  };
  radios.forEach((radio) => radio.addEventListener("change", update));
  update();
})();
