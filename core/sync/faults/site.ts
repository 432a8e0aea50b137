import path from 'node:path';
import { checkConvergence, type CheckOptions, type Convergence } from './check';
import { UpstreamProcess } from './harness';
import { FaultProxy } from './proxy';
import { enrolledStation } from './stations';

/**
 * A site for one test: the reference upstream as a real process, a fault proxy in front of it
 * (stations know only the proxy's address, so the upstream can be restarted on another port),
 * and station stores in one folder.
 */
export class Site {
  private constructor(
    readonly dir: string,
    readonly upstreamFile: string,
    public upstream: UpstreamProcess,
    readonly proxy: FaultProxy,
  ) {}

  static async open(dir: string): Promise<Site> {
    const upstreamFile = path.join(dir, 'upstream.db');
    const upstream = await UpstreamProcess.start(upstreamFile);
    const proxy = await FaultProxy.start({ port: upstream.port });
    return new Site(dir, upstreamFile, upstream, proxy);
  }

  get url(): string {
    return this.proxy.url;
  }

  file(name: string): string {
    return path.join(this.dir, `${name}.db`);
  }

  /** A new station enrolled through the proxy; its store file and station code. */
  async station(name: string): Promise<{ file: string; code: string }> {
    const file = this.file(name);
    return { file, code: await enrolledStation(file, this.url, name) };
  }

  /** Starts the upstream again on its store (after a kill or a stop) and points the proxy at it. */
  async restartUpstream(): Promise<void> {
    this.upstream = await UpstreamProcess.start(this.upstreamFile);
    this.proxy.retarget(this.upstream.port);
  }

  check(stationFiles: string[], options: CheckOptions = {}): Promise<Convergence> {
    return checkConvergence(this.upstreamFile, stationFiles, options);
  }

  async close(): Promise<void> {
    await this.proxy.close();
    await this.upstream.stop();
  }
}
