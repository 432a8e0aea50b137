import { useEffect, useState } from 'react';
import { call } from '../client/client';

/** Whether this is the demo station, whose simulated devices a real station never offers; false until known. */
export function useStationDemo(): boolean {
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    call('status.get', {})
      .then((s) => setDemo(s.station.demo))
      .catch(() => undefined);
  }, []);
  return demo;
}
