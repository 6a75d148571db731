import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server that slows its traffic like a busy machine does: every chunk, in both directions,
 * is held for `latencyMs` (order kept), and `pause()` holds all traffic until `resume()`. Connections stay open.
 */
export class SlowProxy {
  latencyMs = 0;
  private gate: Promise<void> = Promise.resolve();
  private open?: () => void;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<SlowProxy> {
    const ref: { proxy?: SlowProxy } = {};
    const server = createServer((client) => {
      const proxy = ref.proxy!;
      const upstream = connect(targetPort, '127.0.0.1');
      proxy.track(client);
      proxy.track(upstream);
      proxy.relay(client, upstream);
      proxy.relay(upstream, client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    ref.proxy = new SlowProxy(server, typeof address === 'object' && address ? address.port : 0);
    return ref.proxy;
  }

  pause(): void {
    if (this.open) return;
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  resume(): void {
    this.open?.();
    this.open = undefined;
  }

  async stop(): Promise<void> {
    this.resume();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private relay(from: Socket, to: Socket): void {
    let chain = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      const arrived = Date.now();
      chain = chain.then(async () => {
        const wait = arrived + this.latencyMs - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        await this.gate;
        if (!to.destroyed) to.write(chunk);
      });
    });
    from.on('close', () => void chain.then(() => to.destroy()));
  }
}
