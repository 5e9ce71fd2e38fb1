import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { fuzzyFilter, highlight } from "../../components/fuzzy";
import { Highlighted } from "../../components/Highlighted";
import { known } from "../../components/lenient";
import { call, commands, describeError, queryKeys, type CannedReply, type ConnectionSummary } from "../../ipc";
import { cannedTrigger, fillPlaceholders, insertAtTrigger, type Placeholder } from "./cannedReplies";
import { useListCannedReplies } from "./useCannedReplies";

export interface CannedReplyPickerOptions {
  connection: ConnectionSummary;
  /** The conversation replied to: its meta fills the placeholders. */
  sessionId: string;
  /** The reply box's text and element. */
  text: string;
  textarea: RefObject<HTMLTextAreaElement | null>;
  /** Sets the reply box's text (a canned reply inserted). */
  onInsert: (text: string) => void;
}

export interface CannedReplyPicker {
  /** Spread on the reply box: the textbox side of the pop-up (`aria-activedescendant`, ...) and caret tracking. */
  textboxProps: {
    "aria-autocomplete": "list";
    "aria-controls"?: string;
    "aria-activedescendant"?: string;
    onSelect: () => void;
    onFocus: () => void;
    onBlur: () => void;
  };
  /** Call first in the reply box's keydown; true when the pop-up used the key. */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** The pop-up and the note about placeholders left unfilled, to render below the reply box. */
  popup: ReactNode;
}

const excerpt = (text: string) => (text.length > 90 ? `${text.slice(0, 90)}…` : text).replace(/\s+/g, " ");

/**
 * Canned replies in the reply box: typing `!` and a few letters opens a pop-up of the connection's canned replies,
 * fuzzy matched by title; arrows move, Enter inserts the reply with `{nickname}` and `{email}` filled from the
 * conversation, Escape closes it leaving the text as typed. The list is asked for only once a `!` is typed.
 */
export function useCannedReplyPicker({ connection, sessionId, text, textarea, onInsert }: CannedReplyPickerOptions): CannedReplyPicker {
  const [caret, setCaret] = useState(text.length);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [missing, setMissing] = useState<Placeholder[]>([]);
  const pendingCaret = useRef<number | null>(null);
  const listId = useId();

  const trigger = cannedTrigger(text, caret);
  const searching = focused && trigger !== null && trigger.start !== dismissed;
  const replies = useListCannedReplies(connection.id, searching);
  const conversation = useQuery({
    queryKey: queryKeys.conversations.one(connection.id, sessionId),
    queryFn: () => call(commands.getConversation(connection.id, { website_id: connection.website_id, session_id: sessionId })),
    enabled: searching,
  });
  const query = searching ? trigger.query : null;
  const matches = useMemo(
    () => (query !== null && replies.data ? fuzzyFilter(replies.data, query, (r) => r.title) : []),
    [query, replies.data],
  );
  const current = Math.min(active, matches.length - 1);

  // The caret after each change of the text: where an insert put it, or where the browser has it.
  useLayoutEffect(() => {
    const element = textarea.current;
    if (pendingCaret.current != null && element) {
      element.setSelectionRange(pendingCaret.current, pendingCaret.current);
      setCaret(pendingCaret.current);
      pendingCaret.current = null;
    } else {
      setCaret(element?.selectionStart ?? text.length);
    }
  }, [text, textarea]);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    if (!trigger && dismissed !== null) setDismissed(null);
  }, [trigger, dismissed]);

  function insert(reply: CannedReply) {
    if (!trigger) return;
    const meta = known(conversation.data?.meta);
    const filled = fillPlaceholders(reply.text, { nickname: meta?.nickname, email: meta?.email });
    const next = insertAtTrigger(text, trigger, caret, filled.text);
    pendingCaret.current = next.caret;
    // A reply that itself ends in "!word" does not reopen the pop-up.
    setDismissed(cannedTrigger(next.text, next.caret)?.start ?? null);
    setMissing(filled.missing);
    onInsert(next.text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!searching || !trigger) return false;
    const count = matches.length;
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && count) {
      event.preventDefault();
      setActive((current + (event.key === "ArrowDown" ? 1 : count - 1)) % count);
      return true;
    }
    if (event.key === "Enter" && !event.ctrlKey && !event.metaKey && !event.shiftKey && count) {
      event.preventDefault();
      insert(matches[current].item);
      return true;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setDismissed(trigger.start);
      return true;
    }
    return false;
  }

  const optionId = (index: number) => `${listId}-${index}`;
  const unfilled = missing.filter((name) => text.includes(`{${name}}`));
  const popup = (
    <>
      {searching ? (
        <div className="canned-popup">
          {replies.isPending ? (
            <p className="muted" role="status">
              Loading canned replies…
            </p>
          ) : replies.isError ? (
            <p className="field-error" role="alert">
              Canned replies could not load: {describeError(replies.error)}
            </p>
          ) : (
            <>
              <ul id={listId} role="listbox" aria-label="Canned replies" className="canned-list">
                {matches.map(({ item, match }, index) => (
                  <li
                    key={item.id}
                    id={optionId(index)}
                    role="option"
                    aria-selected={index === current}
                    className={`canned-option${index === current ? " is-active" : ""}`}
                    // Keeps the focus in the reply box, so the click inserts where the caret is.
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => insert(item)}
                  >
                    <span className="canned-title">
                      <Highlighted parts={highlight(item.title, match.matched)} />
                    </span>
                    <span className="canned-excerpt">{excerpt(item.text)}</span>
                  </li>
                ))}
              </ul>
              <p className="field-help" role="status">
                {replies.data?.length === 0
                  ? "No canned replies yet: add them under Canned replies."
                  : matches.length === 0
                    ? `No canned reply matches “${trigger?.query ?? ""}”.`
                    : `${matches.length} canned ${matches.length === 1 ? "reply" : "replies"}: ↑ ↓ to choose, Enter inserts, Esc closes.`}
              </p>
            </>
          )}
        </div>
      ) : null}
      {unfilled.length ? (
        <p className="field-help" role="status">
          {`This conversation has no ${unfilled.join(" or ")}, so ${unfilled.map((n) => `{${n}}`).join(" and ")} stayed in the reply.`}
        </p>
      ) : null}
    </>
  );

  return {
    textboxProps: {
      "aria-autocomplete": "list",
      "aria-controls": searching && !replies.isPending && !replies.isError ? listId : undefined,
      "aria-activedescendant": searching && current >= 0 ? optionId(current) : undefined,
      onSelect: () => setCaret(textarea.current?.selectionStart ?? text.length),
      onFocus: () => setFocused(true),
      onBlur: () => setFocused(false),
    },
    onKeyDown,
    popup,
  };
}
