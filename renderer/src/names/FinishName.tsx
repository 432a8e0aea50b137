import { useNames } from './useNames';

/** A finish in words, where a hook cannot be called (a table's cell renderer). */
export function FinishName({ code }: { code: string }) {
  return <>{useNames().finish(code)}</>;
}
