import { Socket } from 'node:net';
import { AppError } from '../../kernel/errors';
import { chunkBytes, type PrinterConnection, type Timeouts } from './connection';

function parseAddress(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  const port = at > 0 ? Number(address.slice(at + 1)) : 9100;
  return { host: at > 0 ? address.slice(0, at) : address, port };
}

/** A network printer's raw port (9100): connect, write and idle timeouts, chunked writes with backpressure. */
export async function openTcp(address: string, timeouts: Timeouts): Promise<PrinterConnection> {
  const { host, port } = parseAddress(address);
  const socket = new Socket();
  let failure: Error | null = null;
  let replies: Buffer[] = [];
  let onData: (() => void) | null = null;
  socket.on('data', (chunk) => {
    replies.push(chunk);
    onData?.();
  });
  socket.on('error', (e) => {
    failure ??= e;
    onData?.();
  });
  socket.on('close', () => {
    failure ??= new AppError('printing.connectionLost', `The printer at ${address} closed the connection`, { address });
    onData?.();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new AppError('printing.noAnswer', `The printer at ${address} does not answer`, { address }));
    }, timeouts.connectMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new AppError('printing.unreachable', `The printer at ${address} cannot be reached (${e.code ?? e.message})`, { address }));
    });
    socket.connect(port, host);
  });
  socket.setNoDelay(true);
  let written = 0;

  const writeChunk = (chunk: Buffer) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new AppError('printing.stalled', `The printer at ${address} stopped taking data`, { address }));
      }, timeouts.idleMs);
      const done = (error?: Error | null) => {
        clearTimeout(timer);
        socket.off('drain', drained);
        socket.off('close', closed);
        if (error) reject(error);
        else resolve();
      };
      const drained = () => done();
      const closed = () => done(failure ?? new Error('closed'));
      socket.once('close', closed);
      written += chunk.length;
      if (socket.write(chunk)) done();
      else socket.once('drain', drained);
    });

  return {
    get bytesOut() {
      return written;
    },
    async write(bytes) {
      for (let at = 0; at < bytes.length; at += chunkBytes) await writeChunk(bytes.subarray(at, at + chunkBytes));
    },
    ask(request, complete, timeoutMs) {
      replies = [];
      return new Promise((resolve) => {
        const timer = setTimeout(() => finish(null), timeoutMs);
        const finish = (reply: Buffer | null) => {
          clearTimeout(timer);
          onData = null;
          resolve(reply);
        };
        onData = () => {
          const reply = Buffer.concat(replies);
          if (complete(reply)) finish(reply);
          else if (failure) finish(null);
        };
        if (failure) return finish(null);
        socket.write(request);
      });
    },
    async close() {
      if (socket.destroyed) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          socket.destroy();
          resolve();
        }, 1000);
        socket.end(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      socket.destroy();
    },
  };
}
