import { useEffect, useState } from 'react';

/** Wall-clock ms, refreshed every `everyMs`, for ages ("last tick 3 s ago") that must keep moving. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
