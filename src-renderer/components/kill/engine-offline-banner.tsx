import type { ReactElement } from 'react';
import { useEngineStore } from '../../state/engine-store';

/**
 * A tab whose engine stopped must not look alive: everything on screen is the last thing the
 * engine said, and no order can be sent. The transport keeps trying to reconnect.
 */
export function EngineOfflineBanner(): ReactElement | null {
  const connection = useEngineStore((s) => s.connection);
  const everConnected = useEngineStore((s) => s.everConnected);
  if (connection === 'open' || !everConnected) return null;
  return (
    <div className="offline-banner" role="alert" data-testid="engine-offline-banner">
      <strong>ENGINE STOPPED</strong>
      <span>
        This window lost the Vigil engine: figures below are its last known state and nothing can be
        traded. Reconnecting…
      </span>
    </div>
  );
}
