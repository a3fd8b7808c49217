// The meeting bundle's page: ask how far the background job is every second, show it in the
// progress bar and the (read-out) status line, and offer the download when it is ready.
(() => {
  const section = document.getElementById("bundle-job");
  const download = document.getElementById("bundle-download");
  if (!section || !download.hidden) return;
  const status = document.getElementById("bundle-status");
  const bar = document.getElementById("bundle-progress");
  const poll = async () => {
    let job;
    try {
      const response = await fetch(section.dataset.statusUrl, { headers: { Accept: "application/json" } });
      job = await response.json();
    } catch (error) {
      window.setTimeout(poll, 3000);
      return;
    }
    status.textContent = job.text;
    if (job.total !== null) {
      bar.max = Math.max(job.total, 1);
      bar.value = job.done;
    }
    if (job.failed) {
      window.location.reload();  // the page offers to try again
    } else if (job.ready) {
      bar.hidden = true;
      download.hidden = false;
      download.focus();
    } else {
      window.setTimeout(poll, 1000);
    }
  };
  window.setTimeout(poll, 500);
})();
