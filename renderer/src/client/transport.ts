import type { KarakanaBridge } from '../../../core/api/bridge';
import type { CallResult } from '../../../core/api/dispatch';
import type { TopicName, TopicPayload } from '../../../core/api/contract';

declare global {
  interface Window {
    karakana?: KarakanaBridge;
  }
}

type Listener = (payload: unknown) => void;

/**
 * The browser transport: POST /api/<name> for calls, one WebSocket for topics, reconnecting
 * with backoff when the station server restarts. Same shape as the Electron preload's bridge.
 */
function httpBridge(tokenSource: () => string | null): KarakanaBridge {
  const listeners = new Map<string, Set<Listener>>();
  let socket: WebSocket | null = null;
  let retry = 500;

  const connect = () => {
    const token = tokenSource();
    if (!token || socket) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retry = 500;
      ws.send(JSON.stringify({ token }));
    };
    ws.onmessage = (message) => {
      const { topic, payload } = JSON.parse(String(message.data)) as { topic: string; payload: unknown };
      listeners.get(topic)?.forEach((listener) => listener(payload));
    };
    ws.onclose = (event) => {
      socket = null;
      if (event.code === 4001) return;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10_000);
    };
  };

  return {
    async call(name, input, token): Promise<CallResult> {
      let response: Response;
      try {
        response = await fetch(`/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ input }),
        });
      } catch {
        return { ok: false, error: { code: 'network', message: 'The station server does not answer', params: {} } };
      }
      try {
        return (await response.json()) as CallResult;
      } catch {
        return { ok: false, error: { code: 'network', message: `Unexpected answer ${response.status}`, params: {} } };
      }
    },
    subscribe<T extends TopicName>(topic: T, listener: (payload: TopicPayload<T>) => void) {
      const set = listeners.get(topic) ?? new Set<Listener>();
      listeners.set(topic, set);
      set.add(listener as Listener);
      connect();
      return () => set.delete(listener as Listener);
    },
  };
}

/** Electron's preload bridge when there is one, else HTTP + WebSocket to the station server. */
export function pickBridge(tokenSource: () => string | null): KarakanaBridge {
  return window.karakana ?? httpBridge(tokenSource);
}
