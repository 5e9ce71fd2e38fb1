import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { call, commands, offlineKey, queryKeys, readOrStored, type ConnectionSummary, type ConversationState } from "../../ipc";
import { markedReadInCache } from "../../session/live";

/** One conversation (header, state, assignee); the stored copy when Crisp cannot be reached. */
export function useGetConversation(connection: ConnectionSummary, sessionId: string) {
  return useQuery({
    queryKey: queryKeys.conversations.one(connection.id, sessionId),
    queryFn: () =>
      readOrStored(
        offlineKey("conversation", connection.id, sessionId),
        () => call(commands.getConversation(connection.id, { website_id: connection.website_id, session_id: sessionId })),
        async () => {
          const stored = await call(commands.getStoredConversation(connection.id, { session_id: sessionId }));
          return stored && { value: stored.conversation, storedAt: stored.stored_at ?? null };
        },
      ),
  });
}

/** Creates an empty conversation; the list refreshes. */
export function useCreateConversation(connection: ConnectionSummary) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(commands.createConversation(connection.id, { website_id: connection.website_id })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.conversations.all(connection.id) }),
  });
}

/** Resolves or reopens a conversation; the list and the conversation refresh. */
export function useChangeConversationState(connection: ConnectionSummary, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (state: ConversationState) =>
      call(
        commands.changeConversationState(connection.id, {
          website_id: connection.website_id,
          session_id: sessionId,
          body: { state },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.conversations.all(connection.id) }),
  });
}

/** Removes a conversation and its messages; the list refreshes. */
export function useRemoveConversation(connection: ConnectionSummary) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) =>
      call(commands.removeConversation(connection.id, { website_id: connection.website_id, session_id: sessionId })),
    onSuccess: (_done, sessionId) => {
      queryClient.removeQueries({ queryKey: queryKeys.conversations.one(connection.id, sessionId) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.conversations.all(connection.id) });
    },
  });
}

/**
 * Marks the visitor's messages read when the conversation is open in the focused window and Crisp counts some
 * unread for operators, as an inbox does; its unread count clears in the list and the conversation. Once per
 * unread count: a failure leaves the badge as it was and is not retried in a loop.
 */
export function useMarkReadWhenOpen(connection: ConnectionSummary, sessionId: string, unreadForOperators: number, focused: boolean) {
  const queryClient = useQueryClient();
  const marked = useRef<string | null>(null);
  const mark = useMutation({
    mutationFn: () =>
      call(
        commands.markMessagesRead(connection.id, {
          website_id: connection.website_id,
          session_id: sessionId,
          body: { from: "operator", origin: "chat" },
        }),
      ),
    // Exactly what changed, so a visitor's message in the open conversation never reads every loaded page again.
    onSuccess: () => markedReadInCache(queryClient, connection.id, sessionId),
  });
  const { mutate } = mark;
  useEffect(() => {
    const key = `${sessionId}:${unreadForOperators}`;
    if (!focused || unreadForOperators <= 0 || marked.current === key) return;
    marked.current = key;
    mutate();
  }, [focused, sessionId, unreadForOperators, mutate]);
  return mark;
}
