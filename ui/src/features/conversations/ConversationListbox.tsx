import { useEffect, useState, type KeyboardEvent, type ReactNode } from "react";
import { useVirtualRows } from "../../components/useVirtualRows";
import { RowCheck, selectionClick, selectionKey } from "./RowCheck";
import type { ListSelection } from "./useSelection";

/** What a list says about one of its rows; the listbox adds the option's role, place, state and checkbox. */
export interface ListboxOption {
  /** React's key for the row. */
  key: string;
  /** The option's element ID. */
  id: string;
  /** Further `data-` attributes of the option. */
  data?: Record<`data-${string}`, string | undefined>;
  /** The row's content, after its checkbox. */
  body: ReactNode;
  /**
   * Set for a conversation; unset for an item Crisp sent that is not one, which is shown as sent, never active,
   * opened or checked.
   */
  conversation?: {
    /** The open conversation (`aria-selected`). */
    open: boolean;
    unread: boolean;
    /** Whether it has a session ID, so that it can be selected for bulk actions. */
    checkable: boolean;
    /** A class of this list's own, after `conversation-row`. */
    className?: string;
  };
}

export interface ConversationListboxProps {
  /** The listbox's accessible name. */
  label: string;
  count: number;
  rowHeight: number;
  /** The row to start on (the open one), read once; below 0 is the first. */
  initialActive: () => number;
  /** The option at `index`. */
  option: (index: number) => ListboxOption;
  /** The element ID the listbox names as its active option while `index` is active, if any. */
  activeOptionId: (index: number) => string | undefined;
  /** Opens the row at `index`, if it is a conversation. */
  openAt: (index: number) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** Multi-selection for bulk actions: a checkbox per row, Shift+click ranges, Space or x, Ctrl+A, Escape. */
  selection?: ListSelection;
}

/**
 * The keys a conversation listbox answers: j/k or the arrows move, Home/End and PageUp/PageDown jump, Enter opens
 * the active row.
 */
function listKeys(active: number, count: number, move: (to: number) => void, open: () => void): Record<string, () => void> {
  return {
    j: () => move(active + 1),
    ArrowDown: () => move(active + 1),
    k: () => move(active - 1),
    ArrowUp: () => move(active - 1),
    Home: () => move(0),
    End: () => move(count - 1),
    PageDown: () => move(active + 8),
    PageUp: () => move(active - 8),
    Enter: open,
  };
}

/**
 * A listbox of conversations, as the inbox and the merged inbox show them: virtualized rows (only what is on
 * screen is in the DOM), an active row moved by `listKeys`, a click that opens (Shift or Ctrl: selects), a
 * checkbox per selectable row, the next rows asked for as the end comes into view, and a footer.
 */
export function ConversationListbox(props: ConversationListboxProps) {
  const { label, count, rowHeight, initialActive, option, activeOptionId, openAt, hasMore, loadingMore, onLoadMore, selection } = props;
  const [active, setActive] = useState(() => Math.max(0, initialActive()));
  const { scrollRef, virtualizer, items } = useVirtualRows({
    count,
    rowHeight,
    overscan: 6,
    hasMore,
    loadingMore,
    onLoadMore,
    remember: "conversations",
  });

  useEffect(() => {
    if (active >= count && count > 0) setActive(count - 1);
  }, [active, count]);

  function move(to: number) {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (selectionKey(e, selection, active)) {
      e.preventDefault();
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const action = listKeys(active, count, move, () => openAt(active))[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  return (
    <div className="conversation-list-wrap">
      <div
        role="listbox"
        aria-label={label}
        aria-activedescendant={activeOptionId(active)}
        tabIndex={0}
        ref={scrollRef}
        className="conversation-list"
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const { key, id, data, body, conversation } = option(item.index);
            const position = { position: "absolute", top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)` } as const;
            const common = {
              id,
              role: "option",
              "aria-setsize": count,
              "aria-posinset": item.index + 1,
              "data-index": item.index,
              ...data,
            } as const;
            if (!conversation) {
              return (
                <div key={key} {...common} aria-selected={false} className="conversation-row" style={{ ...position, overflow: "auto" }}>
                  {body}
                </div>
              );
            }
            const classes = [
              "conversation-row",
              conversation.className,
              item.index === active && "is-active",
              conversation.unread && "is-unread",
              selection && "is-checkable",
            ];
            return (
              <div
                key={key}
                {...common}
                aria-selected={conversation.open}
                aria-checked={selection?.isSelected(item.index)}
                className={classes.filter(Boolean).join(" ")}
                style={position}
                onClick={(event) => {
                  setActive(item.index);
                  if (selectionClick(event, selection, item.index)) return;
                  openAt(item.index);
                }}
              >
                {selection && conversation.checkable ? (
                  <RowCheck selection={selection} index={item.index} onActivate={() => setActive(item.index)} />
                ) : null}
                {body}
              </div>
            );
          })}
        </div>
      </div>
      {loadingMore ? (
        <p className="list-footer" role="status">
          Loading more conversations…
        </p>
      ) : !hasMore && count > 0 ? (
        <p className="list-footer">End of the list: {count} conversations.</p>
      ) : null}
    </div>
  );
}
