import { useEffect, useRef } from "react";
import { events, type MonitorUpdateEvent_Deserialize } from "../bindings";

/**
 * Calls `onUpdate` for every `monitor-update-event` while the calling component is mounted. The listener is
 * registered once; the latest `onUpdate` is used, so callers need not memoize it.
 */
export function useMonitorUpdateEvent(onUpdate: (update: MonitorUpdateEvent_Deserialize) => void) {
  const latest = useRef(onUpdate);
  latest.current = onUpdate;
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let stopped = false;
    void events.monitorUpdateEvent
      .listen((event) => latest.current(event.payload))
      .then((stop) => {
        // Unmounted before the backend confirmed the listener (StrictMode's second mount): stop it now.
        if (stopped) stop();
        else unlisten = stop;
      })
      .catch(() => undefined);
    return () => {
      stopped = true;
      unlisten?.();
    };
  }, []);
}
