import { useEffect, useRef, useState } from "react";
import { formatTime, isoTime } from "../../components/time";
import type { ConnectionSummary } from "../../ipc";
import { navigate } from "../../session/router";
import { useMonitor, type UnreadItem } from "./monitor";

export interface UnreadListProps {
  connections: ConnectionSummary[];
  selected: ConnectionSummary | null;
  /** Switches to another connection before its conversation opens. */
  onSelect: (connection: string, then: () => void) => void;
}

/**
 * The shell's unread button and list: conversations with new visitor messages, newest first. Choosing one
 * opens the conversation (switching connection first when it is another one), which reads it.
 */
export function UnreadList({ connections, selected, onSelect }: UnreadListProps) {
  const { unread, markRead, clearUnread } = useMonitor();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const nameOf = (id: string) => connections.find((c) => c.id === id)?.name ?? id;
  const several = new Set(unread.map((i) => i.connection)).size > 1 || unread.some((i) => i.connection !== selected?.id);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  const openItem = (item: UnreadItem) => {
    setOpen(false);
    const go = () => {
      markRead(item.connection, item.session_id);
      navigate("conversations", item.session_id);
    };
    if (item.connection === selected?.id) go();
    else onSelect(item.connection, go);
  };

  return (
    <div className="unread">
      <button
        ref={button}
        type="button"
        className="unread-button"
        aria-expanded={open}
        aria-controls="unread-panel"
        onClick={() => setOpen((v) => !v)}
      >
        Unread{" "}
        <span className={unread.length ? "badge badge-unread" : "badge"}>{unread.length}</span>
      </button>
      <section id="unread-panel" className="unread-panel" aria-label="Unread messages" hidden={!open}>
        {unread.length === 0 ? (
          <p className="muted">No new visitor messages.</p>
        ) : (
          <>
            <ul className="unread-items">
              {unread.map((item) => (
                <li key={`${item.connection}/${item.session_id}`}>
                  <button type="button" className="unread-item" onClick={() => openItem(item)}>
                    <span className="unread-top">
                      <span className="unread-name">{item.nickname?.trim() || item.session_id}</span>
                      <time className="row-time" dateTime={isoTime(item.at)}>
                        {formatTime(item.at)}
                      </time>
                    </span>
                    <span className="unread-excerpt">{item.excerpt}</span>
                    <span className="unread-meta">
                      {item.messages === 1 ? "1 new message" : `${item.messages} new messages`}
                      {several ? ` · ${nameOf(item.connection)}` : ""}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="link-button" onClick={clearUnread}>
              Mark all as read
            </button>
          </>
        )}
      </section>
    </div>
  );
}
