import type { Ctx } from '../app/context';
import type { Output, ParsedInput, ProcedureName } from './contract';

export type Handler<N extends ProcedureName> = (input: ParsedInput<N>, ctx: Ctx) => Promise<Output<N>>;
export type HandlerMap = { [N in ProcedureName]: Handler<N> };

/** A feature's handlers, typed against the contract by name. */
export function handlers<K extends ProcedureName>(map: { [N in K]: Handler<N> }): { [N in K]: Handler<N> } {
  return map;
}

/** Joins feature handler maps; a name handled twice is a programming error caught at start. */
export function joinHandlers(...maps: Partial<HandlerMap>[]): Partial<HandlerMap> {
  const joined: Record<string, unknown> = {};
  for (const map of maps)
    for (const [name, handler] of Object.entries(map)) {
      if (name in joined) throw new Error(`Procedure ${name} has two handlers`);
      joined[name] = handler;
    }
  return joined as Partial<HandlerMap>;
}
