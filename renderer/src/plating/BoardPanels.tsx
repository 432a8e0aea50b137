import { useTranslation } from 'react-i18next';
import type { Output } from '../../../core/api/contract';
import { dayAndClock } from './time';

type PlatingBoard = Output<'plating.board'>;

/** Beside the Gantt: what the plan breaks, whom it makes late, what cannot be planned, the gold it needs, FTC warnings. */
export function BoardPanels({ board }: { board: PlatingBoard }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="plating-panels">
      <section aria-labelledby="late-title" data-testid="late-lots">
        <h2 id="late-title">{t('plating.late.title', { count: board.late.length })}</h2>
        <table className="small">
          <thead>
            <tr>
              <th>{t('plating.lot')}</th>
              <th>{t('plating.late.order')}</th>
              <th>{t('plating.late.due')}</th>
              <th className="num">{t('plating.late.hours')}</th>
            </tr>
          </thead>
          <tbody>
            {board.late.slice(0, 30).map((l) => (
              <tr key={l.lotId} className="flagged">
                <td className="mono">{l.lotId}</td>
                <td>{l.orderId ? `${l.orderId} · ${l.customer}` : t('plating.late.stock')}</td>
                <td>{dayAndClock(l.dueAt, i18n.language)}</td>
                <td className="num">{Math.round(l.minutesLate / 60)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="violations-title" data-testid="violations">
        <h2 id="violations-title">{t('plating.violations.title', { count: board.violations.length })}</h2>
        <ul>
          {board.violations.slice(0, 30).map((v, i) => (
            <li key={i} className="violation small">
              {t(`platingSchedule.rules.${v.rule}`, { defaultValue: v.rule })}: {v.message}
            </li>
          ))}
        </ul>
        {board.beyondHorizon > 0 && <p className="small">{t('plating.unplanned.beyond', { count: board.beyondHorizon })}</p>}
        {board.unplanned.length > 0 && (
          <>
            <h2>{t('plating.unplanned.title', { count: board.unplanned.length })}</h2>
            <ul className="small">
              {board.unplanned.slice(0, 30).map((u) => (
                <li key={u.lotId}>
                  <span className="mono">{u.lotId}</span> × {u.pieces}: {t(`plating.unplanned.${u.reason}`)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="gold-title" data-testid="gold">
        <h2 id="gold-title">{t('plating.goldTitle')}</h2>
        <table>
          <tbody>
            {board.goldPerDay.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td className="num">{t('plating.gold', { grams: d.grams.toFixed(3) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('plating.goldPerOrder')}</h2>
        <table>
          <tbody>
            {board.goldPerOrder.slice(0, 20).map((o) => (
              <tr key={o.orderId}>
                <td className="mono">{o.orderId}</td>
                <td>{o.customer}</td>
                <td className="num">{t('plating.gold', { grams: o.grams.toFixed(3) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {board.warnings.length > 0 && (
        <section aria-labelledby="ftc-title" data-testid="ftc-warnings">
          <h2 id="ftc-title">{t('plating.ftc.title')}</h2>
          <ul className="small">
            {board.warnings.map((w, i) => (
              <li key={i} className="violation">
                {w.designSku}: {t(`plating.ftc.${w.kind}`, { finish: w.finish, claimed: w.claimedUm ?? w.claimed ?? '', plated: w.platedUm ?? w.plated ?? '' })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
