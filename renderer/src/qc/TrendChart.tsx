import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Acceptance rate (%) and defects per hundred units, week by week. */
export function TrendChart({ weeks }: { weeks: { week: string; lots: number; acceptanceRate: number; dphu: number }[] }) {
  const { t } = useTranslation();
  return (
    <div className="qc-trend" data-testid="quality-trend">
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={weeks} margin={{ top: 8, right: 24, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" fontSize={11} />
          <YAxis yAxisId="rate" domain={[0, 100]} fontSize={11} />
          <YAxis yAxisId="dphu" orientation="right" fontSize={11} />
          <Tooltip />
          <Legend />
          <Line yAxisId="rate" type="monotone" dataKey="acceptanceRate" name={t('quality.acceptance')} stroke="#2e7d32" isAnimationActive={false} />
          <Line yAxisId="dphu" type="monotone" dataKey="dphu" name={t('quality.dphu')} stroke="#c62828" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
