import type { CallResult } from './dispatch';
import type { TopicName, TopicPayload } from './contract';

/**
 * What the Electron preload exposes to the renderer as window.karakana, and nothing else.
 * The browser transport offers the same shape over HTTP + WebSocket.
 */
export interface KarakanaBridge {
  call(name: string, input: unknown, token: string | null): Promise<CallResult>;
  subscribe<T extends TopicName>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void;
}

/** The one IPC channel for calls, and the one for topics (main → renderer). */
export const ipcChannels = { call: 'karakana:call', topic: 'karakana:topic' } as const;
