import { useTranslation } from 'react-i18next';
import type { View } from './QcScreen';

const classes = ['critical', 'major', 'minor'] as const;

/** Each class's plan (AQL, code letter, its sample, Ac/Re), what was found in it, and the verdict. */
export function PlanTable({ view }: { view: View }) {
  const { t } = useTranslation();
  const { plan, judgement } = view;
  return (
    <table className="list qc-plan" data-testid="qc-plan">
      <thead>
        <tr>
          <th>{t('qc.classHead')}</th>
          <th className="num">AQL</th>
          <th className="num">{t('qc.letter')}</th>
          <th className="num">{t('qc.sampleHead')}</th>
          <th className="num">Ac</th>
          <th className="num">Re</th>
          <th className="num">{t('qc.found')}</th>
          <th>{t('qc.verdictHead')}</th>
        </tr>
      </thead>
      <tbody>
        {classes.map((c) => (
          <tr key={c} data-testid={`qc-plan-${c}`}>
            <td>{t(`qc.class.${c}`)}</td>
            <td className="num">{plan[c].aql ?? '—'}</td>
            <td className="num">{plan[c].codeLetter ?? '—'}</td>
            <td className="num">{t('qc.firstPieces', { count: plan[c].sampleSize })}</td>
            <td className="num">{plan[c].accept}</td>
            <td className="num">{plan[c].reject}</td>
            <td className="num">{judgement[c].nonconforming}</td>
            <td className={judgement[c].verdict === 'accept' ? 'result-ok' : 'result-bad'}>{t(`qc.verdict.${judgement[c].verdict}`)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={6}>
            {t('qc.levelInfo', { level: plan.level, lot: plan.lotSize })}
          </td>
          <td colSpan={2} className={judgement.computed === 'accept' ? 'result-ok' : 'result-bad'} data-testid="qc-computed">
            {t('qc.appSays', { verdict: t(`qc.verdict.${judgement.computed}`) })}
            {judgement.inReducedGap ? ` · ${t('qc.reducedGap')}` : ''}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
