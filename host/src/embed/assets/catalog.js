// The catalog page's copy buttons: copy the embed code next to them and say so in the live region.
(() => {
  const status = document.getElementById('copy-status');
  const say = (text) => {
    if (!status) return;
    status.textContent = '';
    // A fresh text node after a tick, so screen readers announce the same words again on a second copy.
    setTimeout(() => (status.textContent = text), 50);
  };
  document.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null;
    if (!button) return;
    const code = document.getElementById(button.getAttribute('data-copy') || '');
    if (!code) return;
    const text = code.textContent || '';
    try {
      await navigator.clipboard.writeText(text);
      say(`Copied: ${button.getAttribute('data-what') || 'embed code'}`);
    } catch {
      // No clipboard access (an old browser, a denied permission): select the code so Ctrl+C copies it.
      const range = document.createRange();
      range.selectNodeContents(code);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      say('Could not copy automatically: the code is selected, press Ctrl+C (or Cmd+C) to copy it');
    }
  });
})();
