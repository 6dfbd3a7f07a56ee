/**
 * A switch for the page's network, for tests: `cut()` closes every open WebSocket and makes new ones fail, as
 * when a laptop loses Wi-Fi; `restore()` lets them through again. The host and its data stay untouched.
 */
const NativeWebSocket = window.WebSocket;
const open = new Set<WebSocket>();
let down = false;

window.WebSocket = class extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    // Port 9 (discard) refuses at once: the SDK sees a failed connection, as offline.
    super(down ? 'ws://127.0.0.1:9/' : url, protocols);
    open.add(this);
    this.addEventListener('close', () => open.delete(this));
  }
};

export function cut(): void {
  down = true;
  for (const socket of open) socket.close();
}

export function restore(): void {
  down = false;
  window.dispatchEvent(new Event('online'));
}
