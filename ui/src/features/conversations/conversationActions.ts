import { useAction, useActions } from "../../session/actions";

/** What the open conversation can do from the palette and the keyboard. */
export interface OpenConversationActions {
  /** Whether it is resolved now (the state action says the opposite). */
  resolved: boolean;
  /** False while it loads or a state change is in flight. */
  ready: boolean;
  changeState: () => void;
  markRead: () => void;
  remove: () => void;
}

/**
 * Registers the open conversation's actions: resolve or unresolve (`e`), mark read, remove. Reply (`r`) is the
 * composer's; assign (`a`) belongs with the assignment control (`conversation.assign`).
 */
export function useOpenConversationActions({ resolved, ready, changeState, markRead, remove }: OpenConversationActions) {
  useActions([
    {
      id: "conversation.state",
      title: resolved ? "Unresolve the conversation" : "Resolve the conversation",
      group: "Conversation",
      shortcut: "e",
      enabled: ready,
      run: changeState,
    },
    { id: "conversation.mark-read", title: "Mark the conversation read", group: "Conversation", enabled: ready, run: markRead },
    { id: "conversation.remove", title: "Remove the conversation…", group: "Conversation", run: remove },
  ]);
}

/**
 * Registers the inbox's search (`/`): it focuses the instant search box (answered from the local store), or, on a
 * list without one, opens the filters at their first field.
 */
export function useConversationSearchAction(openFilters: () => void) {
  useAction({
    id: "screen.search",
    title: "Search conversations",
    group: "Conversations",
    shortcut: "/",
    run: () => {
      const box = document.querySelector<HTMLInputElement>(".inbox .local-search input");
      if (box) {
        box.focus();
        return;
      }
      openFilters();
      requestAnimationFrame(() => document.querySelector<HTMLElement>("#filter-panel :is(input, select)")?.focus());
    },
  });
}
