import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  call,
  commands,
  queryKeys,
  type ConnectionSummary,
  type GetMessage,
  type ListMessages,
  type MessageContent,
  type SendMessage,
  type SendMessageBody,
} from "../../ipc";
import { livePollMs, mergeBatches, olderThan } from "./thread";

/**
 * A conversation's messages, newest batch first, then older batches on demand (`timestamp_before` = the oldest
 * message held) until Crisp answers that there is no more. `before`/`limit` start the thread back in time.
 */
export function useListMessages(connection: ConnectionSummary, sessionId: string, before: number | null, limit: number | null) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.messages.thread(connection.id, sessionId, before, limit),
    initialPageParam: before,
    queryFn: ({ pageParam }) => {
      const request: ListMessages = { website_id: connection.website_id, session_id: sessionId };
      if (pageParam != null) request.timestamp_before = pageParam;
      if (limit != null) request.limit = limit;
      return call(commands.listMessages(connection.id, request));
    },
    getNextPageParam: (last) => olderThan(last) ?? null,
  });
  // The newest batch again on the tier's polling pace while the window is visible, so new visitor messages show
  // up in the open thread without a reload. It starts from the thread's first page, so opening costs one request.
  const first = query.data?.pages[0];
  const live = useQuery({
    queryKey: [...queryKeys.messages.list(connection.id, sessionId), "live"],
    queryFn: () => call(commands.listMessages(connection.id, { website_id: connection.website_id, session_id: sessionId })),
    enabled: before == null && first !== undefined,
    initialData: first,
    initialDataUpdatedAt: query.dataUpdatedAt,
    staleTime: livePollMs(connection.tier),
    refetchInterval: livePollMs(connection.tier),
    refetchIntervalInBackground: false,
  });
  const batches = query.data?.pages ?? [];
  const messages = mergeBatches(before == null && live.data ? [...batches, live.data] : batches);
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
}

/** The send_message request for one try of a draft. */
export function sendRequest(websiteId: string, sessionId: string, { body, mayHaveLanded }: DraftTry): SendMessage {
  const request: SendMessage = { website_id: websiteId, session_id: sessionId, body };
  if (mayHaveLanded) request.may_have_landed = true;
  return request;
}

/** Sends one try of a draft; the thread refetches on success. */
export function useSendMessage(connection: ConnectionSummary, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attempt: DraftTry) => call(commands.sendMessage(connection.id, sendRequest(connection.website_id, sessionId, attempt))),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.messages.list(connection.id, sessionId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.conversations.all(connection.id) }),
      ]),
  });
}

/** Replaces one message's content; the thread refetches on success. */
export function useUpdateMessage(connection: ConnectionSummary, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ fingerprint, content }: { fingerprint: number; content: MessageContent }) =>
      call(
        commands.updateMessage(connection.id, {
          website_id: connection.website_id,
          session_id: sessionId,
          fingerprint,
          body: { content },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.messages.list(connection.id, sessionId) }),
  });
}

/** Looks one message up by its fingerprint. */
export function useGetMessage(connection: ConnectionSummary, sessionId: string) {
  return useMutation({
    mutationFn: (fingerprint: number) => {
      const request: GetMessage = { website_id: connection.website_id, session_id: sessionId, fingerprint };
      return call(commands.getMessage(connection.id, request));
    },
  });
}
