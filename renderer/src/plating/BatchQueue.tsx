import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { useNames } from '../names/useNames';
import { go } from '../router';
import { useListKeys } from '../shell/useListKeys';
import { dayAndClock } from './time';

type Batch = Output<'plating.board'>['batches'][number];

/** The batches still to run, next first: ↑ ↓ (PgUp PgDn Home End) and Enter open one as its traveller's scan does, without a click first. */
export function BatchQueue({ queue }: { queue: Batch[] }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const open = (i: number) => queue[i] && go({ screen: 'plating', arg: queue[i].id });
  const { selected, select, rowRef } = useListKeys({ rows: queue.length, onOpen: open });
  return (
    <ul className="picker plating-queue" data-testid="batch-queue">
      {queue.map((b, i) => (
        <li key={b.id} ref={rowRef(i)} className={i === selected ? 'active' : ''} aria-current={i === selected} data-testid="queued-batch">
          <button type="button" tabIndex={-1} onClick={() => (select(i), open(i))}>
            <span className="mono">{b.id}</span> · {b.lineId} · {names.finish(b.finish)} · {dayAndClock(b.startAt, i18n.language)} · {t(`plating.state.${b.state}`)}
          </button>
        </li>
      ))}
    </ul>
  );
}
