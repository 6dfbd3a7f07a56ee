/**
 * Sends raw bytes as an HTTP request over a plain socket (so tests can send what `fetch` refuses to: broken
 * request targets, huge headers, any method) and resolves with the response's status code.
 */
import { connect } from 'node:net';

/** The status of the response to `request`, or null when the host closed the socket without answering. */
export function rawHttpStatus(port: number, request: string | Uint8Array, timeoutMs = 10_000): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(String(request).slice(0, 80))}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve(match ? Number(match[1]) : null);
    };
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n')) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    // The host may answer and close before it read everything (a 431); that is an answer, not an error.
    socket.on('error', () => finish());
    socket.write(request);
  });
}

/**
 * Sends `request` and resets the connection at once, as a client that crashes or gives up does; resolves once the
 * socket is closed. The host must drop that connection alone, whatever it was doing with the request.
 */
export function rawHttpAbandoned(port: number, request: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(request);
      socket.resetAndDestroy();
    });
    socket.on('error', () => undefined);
    socket.once('close', () => resolve());
  });
}

/** The headers of a WebSocket upgrade to the v2 protocol (with `httpRequest`, a raw upgrade request). */
export const UPGRADE_HEADERS: Readonly<Record<string, string>> = {
  Upgrade: 'websocket',
  Connection: 'Upgrade',
  'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version': '13',
  'Sec-WebSocket-Protocol': 'v2.bsatn.spacetimedb',
};

/** A minimal HTTP/1.1 request. */
export function httpRequest(method: string, target: string, headers: Record<string, string> = {}, body = ''): string {
  const lines = [
    `${method} ${target} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: close',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
