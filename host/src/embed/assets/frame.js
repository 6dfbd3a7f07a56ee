// Inside an embed page: tells the page around the iframe how tall the content is, whenever that changes, so the
// iframe can fit it. Two formats, because LMSs already listen for Canvas's `lti.frameResize` and any other page
// can use /embed/auto-height.js, which listens for `lta:resize`.
(() => {
  if (window.parent === window || document.documentElement.dataset.height !== 'auto') return;
  const content = document.getElementById('lta-embed');
  if (!content) return;
  let sent = 0;
  const report = () => {
    const height = Math.ceil(content.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    window.parent.postMessage({ subject: 'lti.frameResize', height }, '*');
    window.parent.postMessage({ type: 'lta:resize', height }, '*');
  };
  new ResizeObserver(report).observe(content);
  report();
})();
