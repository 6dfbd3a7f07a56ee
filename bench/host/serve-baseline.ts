/**
 * Child process for the benchmarks: the floor for any WebSocket system, a bare `ws` server that echoes every
 * message back, or broadcasts it to every connected client when its first byte is 0xff.
 */
import { WebSocketServer } from 'ws';
import { answerCpuQueries } from './support.js';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false }, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ url: `ws://127.0.0.1:${port}/` }));
});
answerCpuQueries();
server.on('connection', (socket) => {
  socket.on('message', (data: Buffer) => {
    if (data[0] === 0xff) for (const client of server.clients) client.send(data);
    else socket.send(data);
  });
});
