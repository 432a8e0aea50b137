import { useEffect, useState } from 'react';
import type { TopicPayload } from '../../../core/api/contract';
import { subscribe } from '../client/client';

export type LiveReading = TopicPayload<'scale.reading'>;

/** The station scale's live reading, as it reports (several times a second). */
export function useScaleReading(): LiveReading | null {
  const [reading, setReading] = useState<LiveReading | null>(null);
  useEffect(() => subscribe('scale.reading', setReading), []);
  return reading;
}
