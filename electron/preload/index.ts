// Runs sandboxed before the renderer; exposes the typed bridge and nothing else (no ipcRenderer),
// so the page can reach the core only through the contract's one call channel.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels, type KarakanaBridge } from '../../core/api/bridge';

interface TopicMessage {
  topic: string;
  payload: unknown;
}

const bridge = {
  call: (name, input, token) => ipcRenderer.invoke(ipcChannels.call, name, input, token),
  subscribe(topic, listener) {
    const onMessage = (_event: IpcRendererEvent, message: TopicMessage) => {
      // Payloads come from the core's bus, which publishes only the contract's topic types.
      if (message.topic === topic) listener(message.payload as Parameters<typeof listener>[0]);
    };
    ipcRenderer.on(ipcChannels.topic, onMessage);
    return () => {
      ipcRenderer.off(ipcChannels.topic, onMessage);
    };
  },
} satisfies KarakanaBridge;

contextBridge.exposeInMainWorld('karakana', bridge);
