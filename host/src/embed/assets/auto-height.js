// On a page that embeds academy iframes (/embed/...): sizes each one to its content from the height it reports.
// Add it once: <script src="https://ACADEMY/embed/auto-height.js" async></script>
(() => {
  const MAX_HEIGHT = 20000;
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.type !== 'lta:resize') return;
    const height = Number(data.height);
    if (!Number.isFinite(height) || height <= 0) return;
    for (const frame of document.querySelectorAll('iframe')) {
      // Only the frame that sent it, and only when it shows a page of the origin that sent it.
      if (frame.contentWindow !== event.source) continue;
      let origin = '';
      try {
        origin = new URL(frame.src, location.href).origin;
      } catch {
        return;
      }
      if (origin === event.origin) frame.style.height = `${Math.min(Math.ceil(height), MAX_HEIGHT)}px`;
      return;
    }
  });
})();
