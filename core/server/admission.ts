import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import { AppError, toErrorBody, type ErrorBody } from '../kernel/errors';

// Who the station server lets in. A web page open in any browser on the same PC can reach a
// loopback port; these checks keep such a page from acting through the station server.

export interface Refusal {
  status: number;
  error: ErrorBody;
}

export interface AdmissionOptions {
  /** The address the server listens on, as given (`--host`). */
  host: string;
  /** More names a browser may use for this server (`--allowed-host`), e.g. station-3.local. */
  allowedHosts: string[];
  /** The port the server listens on, known once it does. */
  port: () => number;
}

const loopbackNames = ['localhost', '127.0.0.1', '[::1]'];
const wildcards = new Set(['0.0.0.0', '::', '[::]']);

function bracketed(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/** A Host header as a lower-case name (IPv6 in brackets) and a port; null when it is not a plain host. */
export function parseHost(header: string | undefined): { name: string; port: number } | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(header ?? '');
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), port: match[2] ? Number(match[2]) : 80 };
}

function interfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => bracketed(entry.address.toLowerCase())));
}

function refusal(status: number, code: string, message: string): Refusal {
  return { status, error: toErrorBody(new AppError(code, message)) };
}

/** The Host, Origin and Content-Type checks of one server. */
export function admission(options: AdmissionOptions) {
  const names = new Set([...loopbackNames, bracketed(options.host.toLowerCase()), ...options.allowedHosts.map((h) => bracketed(h.toLowerCase()))]);
  // Listening on every interface: the PCs of the LAN reach it by any of the machine's addresses.
  // Read when asked, so an address the machine gets later (DHCP) works without a restart.
  const known = (name: string) => names.has(name) || (wildcards.has(options.host) && interfaceAddresses().includes(name));

  /** The request's own origin, from its Host; null when the Host is not this server. */
  const ownOrigin = (req: IncomingMessage): string | null => {
    const host = parseHost(req.headers.host);
    if (!host || host.port !== options.port() || !known(host.name)) return null;
    return `http://${host.name}${host.port === 80 ? '' : `:${host.port}`}`;
  };

  return {
    /** DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 still sends Host: evil.example. */
    host(req: IncomingMessage): Refusal | null {
      if (ownOrigin(req)) return null;
      return refusal(403, 'api.foreignHost', `This station server does not answer to the host ${req.headers.host ?? '(none)'}`);
    },

    /**
     * A browser sends Origin with every WebSocket handshake and every cross-site POST, so a page
     * of another site always shows here and is refused. A request without Origin comes from a
     * program (curl, the CLI, the bench), not a page: it holds none of a browser's cookies or
     * reach into the LAN that a page could borrow, and could send any Origin it liked anyway.
     * Its Host has already been checked, so a rebound name cannot get through this way either.
     */
    origin(req: IncomingMessage): Refusal | null {
      const origin = req.headers.origin;
      if (origin === undefined || origin.toLowerCase() === ownOrigin(req)) return null;
      return refusal(403, 'api.foreignOrigin', `This station server does not take calls from pages of ${origin}`);
    },

    /** Only JSON: a page of another site can send text/plain or a form without asking first (CORS), never JSON. */
    contentType(req: IncomingMessage): Refusal | null {
      if (/^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i.test(req.headers['content-type'] ?? '')) return null;
      return refusal(415, 'api.notJson', 'Calls must be sent as Content-Type: application/json');
    },
  };
}

export type Admission = ReturnType<typeof admission>;
