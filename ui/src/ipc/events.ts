import { useEffect, useRef } from "react";
import { events, type LiveEvent_Deserialize, type MonitorUpdateEvent_Deserialize } from "../bindings";

/** What a generated event offers for listening. */
interface Listenable<T> {
  listen: (handler: (event: { payload: T }) => void) => Promise<() => void>;
}

/**
 * Calls `onPayload` for every `event` while the calling component is mounted. The listener is registered once;
 * the latest `onPayload` is used, so callers need not memoize it.
 */
function useEvent<T>(event: Listenable<T>, onPayload: (payload: T) => void) {
  const latest = useRef(onPayload);
  latest.current = onPayload;
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let stopped = false;
    void event
      .listen((received) => latest.current(received.payload))
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
  }, [event]);
}

/** Calls `onUpdate` for every `monitor-update-event` while the calling component is mounted. */
export function useMonitorUpdateEvent(onUpdate: (update: MonitorUpdateEvent_Deserialize) => void) {
  useEvent(events.monitorUpdateEvent, onUpdate);
}

/** Calls `onChange` for every `live-event` (a change Crisp's real-time socket pushed) while mounted. */
export function useLiveEvent(onChange: (event: LiveEvent_Deserialize) => void) {
  useEvent(events.liveEvent, onChange);
}
