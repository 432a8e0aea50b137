import { EventEmitter } from 'node:events';
import type { TopicName, TopicPayload } from '../api/contract';

/** In-process publish/subscribe for the contract's topics; transports forward it to clients. */
export class Bus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish<T extends TopicName>(topic: T, payload: TopicPayload<T>): void {
    this.emitter.emit(topic, payload);
  }

  subscribe<T extends TopicName>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }
}
