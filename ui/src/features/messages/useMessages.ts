import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import {
  call,
  commands,
  offlineKey,
  queryKeys,
  readOrStored,
  type ConnectionSummary,
  type GetMessage,
  type HistoryPage,
  type ListMessages,
  type MessageContent,
  type SendMessage,
  type SendMessageBody,
} from "../../ipc";
import { isTyping, TYPING_TIMEOUT_MS, useIsLive, type Composing } from "../../session/live";
import { livePollMs, mergeBatches } from "./thread";

/**
 * A conversation's messages, newest page first, then older pages on demand. Each page comes from the client's
 * history walk with the request for the next older page (`next`), sent back as it is; the walk alone decides
 * where the history ends (Crisp's 200) and how many messages a Limit keeps, as in the CLI. `before`/`limit`
 * start the thread back in time; with a Limit the thread is exactly that many messages (no older pages, no live
 * poll adding newer ones).
 */
export function useListMessages(connection: ConnectionSummary, sessionId: string, before: number | null, limit: number | null) {
  const first: ListMessages = { website_id: connection.website_id, session_id: sessionId };
  if (before != null) first.timestamp_before = before;
  if (limit != null) first.limit = limit;
  const query = useInfiniteQuery({
    queryKey: queryKeys.messages.thread(connection.id, sessionId, before, limit),
    initialPageParam: first,
    queryFn: ({ pageParam }): Promise<HistoryPage> =>
      before == null && limit == null && pageParam.timestamp_before == null
        ? readOrStored(
            offlineKey("thread", connection.id, sessionId),
            () => call(commands.listMessages(connection.id, pageParam)),
            async () => {
              // Offline, the first page is the whole stored thread (no older page to walk).
              const stored = await call(commands.getStoredThread(connection.id, { session_id: sessionId }));
              return stored && { value: { messages: stored.messages, next: null }, storedAt: stored.stored_at ?? null };
            },
          )
        : call(commands.listMessages(connection.id, pageParam)),
    getNextPageParam: (last): ListMessages | null => last.next ?? null,
  });
  // The newest batch again on the tier's polling pace while the window is visible, so new visitor messages show
  // up in the open thread without a reload. It starts from the thread's first page, so opening costs one request.
  // While the connection is live on Crisp's socket nothing polls: the socket's changes are written into the
  // thread as they come (`session/live.ts`); polling resumes when the socket is down.
  const socketLive = useIsLive(connection.id);
  const firstPage = query.data?.pages[0];
  const following = before == null && limit == null;
  const live = useQuery({
    queryKey: [...queryKeys.messages.list(connection.id, sessionId), "live"],
    queryFn: () => call(commands.listMessages(connection.id, { website_id: connection.website_id, session_id: sessionId })),
    enabled: following && firstPage !== undefined,
    initialData: firstPage,
    initialDataUpdatedAt: query.dataUpdatedAt,
    staleTime: socketLive ? Infinity : livePollMs(connection.tier),
    refetchInterval: socketLive ? false : livePollMs(connection.tier),
    refetchIntervalInBackground: false,
  });
  const pages = query.data?.pages ?? [];
  const messages = mergeBatches(following && live.data ? [...pages, live.data] : pages);
  return { ...query, messages };
}

/**
 * One try of a draft: its body, carrying the draft's fingerprint on every try, and whether an earlier try of it
 * may have landed (it failed, so its outcome is unknown); then the backend asks Crisp for that fingerprint before
 * posting again.
 */
export interface DraftTry {
  body: SendMessageBody;
  mayHaveLanded: boolean;
  /** The conversation to send into when the form names one (Send a Message's Session ID); else the thread's. */
  sessionId?: string;
}

/** The send_message request for one try of a draft. */
export function sendRequest(websiteId: string, sessionId: string, { body, mayHaveLanded, sessionId: named }: DraftTry): SendMessage {
  const request: SendMessage = { website_id: websiteId, session_id: named ?? sessionId, body };
  if (mayHaveLanded) request.may_have_landed = true;
  return request;
}

/** Sends one try of a draft; the thread refetches on success. */
export function useSendMessage(connection: ConnectionSummary, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attempt: DraftTry) => call(commands.sendMessage(connection.id, sendRequest(connection.website_id, sessionId, attempt))),
    onSuccess: (_sent, attempt) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.messages.list(connection.id, attempt.sessionId ?? sessionId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.conversations.all(connection.id) }),
      ]),
  });
}

/** Replaces one message's content, in the conversation the form names; that thread refetches on success. */
export function useUpdateMessage(connection: ConnectionSummary) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, fingerprint, content }: { sessionId: string; fingerprint: number; content: MessageContent }) =>
      call(
        commands.updateMessage(connection.id, {
          website_id: connection.website_id,
          session_id: sessionId,
          fingerprint,
          body: { content },
        }),
      ),
    onSuccess: (_done, { sessionId }) => queryClient.invalidateQueries({ queryKey: queryKeys.messages.list(connection.id, sessionId) }),
  });
}

/** Looks one message up by the Session ID and fingerprint the form holds. */
export function useGetMessage(connection: ConnectionSummary) {
  return useMutation({
    mutationFn: ({ sessionId, fingerprint }: { sessionId: string; fingerprint: number }) => {
      const request: GetMessage = { website_id: connection.website_id, session_id: sessionId, fingerprint };
      return call(commands.getMessage(connection.id, request));
    },
  });
}

/** Whether the visitor is typing in the conversation, from the socket's compose events; ends by itself after a
 * while without news (`TYPING_TIMEOUT_MS`). */
export function useVisitorTyping(connection: ConnectionSummary, sessionId: string): Composing | null {
  const composing = useQuery<Composing | null>({
    queryKey: queryKeys.messages.composing(connection.id, sessionId),
    queryFn: () => null,
    // Written by the socket's changes, never fetched.
    enabled: false,
  }).data;
  const [, expire] = useState(0);
  const at = composing?.at ?? 0;
  const typing = isTyping(composing, Date.now());
  useEffect(() => {
    if (!typing) return;
    const timer = window.setTimeout(() => expire((n) => n + 1), Math.max(0, at + TYPING_TIMEOUT_MS - Date.now()));
    return () => window.clearTimeout(timer);
  }, [typing, at]);
  return typing ? (composing ?? null) : null;
}
