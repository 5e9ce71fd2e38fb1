// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, expect, test } from "vitest";
import { queryKeys, type ConnectionSummary, type MonitorStatus } from "../../ipc";
import { installIpc, queryWrapper } from "../../test/mockIpc";
import { useListMessages, useSendMessage } from "./useMessages";

const connection: ConnectionSummary = {
  id: "demo",
  name: "Demo",
  identifier: "i",
  website_id: "w1",
  tier: "user",
  api_base: "http://127.0.0.1:9",
  has_key: true,
  demo: true,
  selected: true,
};
let clear: () => void = () => undefined;
afterEach(() => clear());

test("useListMessages asks for each older page with the client's next request, as it is, and ends where the client says", async () => {
  // The client's walk decides: `next` carries its own bound and state; the screen never computes a bound itself.
  const older = { website_id: "w1", session_id: "s1", timestamp_before: 201, resume: { seen: ["f3", "f2"], stepped_down: 0, batches: 1 } };
  const pages: Record<string, unknown> = {
    latest: { messages: [{ fingerprint: 2, timestamp: 200 }, { fingerprint: 3, timestamp: 300 }], next: older },
    "201": { messages: [{ fingerprint: 1, timestamp: 100 }], next: null },
  };
  const ipc = installIpc({
    list_messages: (args) => {
      const request = args.request as { timestamp_before?: number };
      return pages[request.timestamp_before != null ? String(request.timestamp_before) : "latest"];
    },
  });
  clear = ipc.clear;
  const { result } = renderHook(() => useListMessages(connection, "s1", null, null), { wrapper: queryWrapper() });
  await waitFor(() => expect(result.current.messages).toHaveLength(2));
  expect(result.current.hasNextPage, "a page with a next request means older messages exist").toBe(true);
  await act(() => result.current.fetchNextPage());
  await waitFor(() => expect(result.current.messages.map((m) => m.fingerprint)).toEqual([1, 2, 3]));
  expect(result.current.hasNextPage, "no next request: the client's walk reached the start").toBe(false);
  expect(
    ipc.calls.filter((c) => c.command === "list_messages").map((c) => c.args.request),
    "the older page is asked with the client's next request, state and all",
  ).toEqual([{ website_id: "w1", session_id: "s1" }, older]);
});

test("useListMessages with a Limit asks once, keeps exactly the page the client returned, and does not poll", async () => {
  const ipc = installIpc({
    list_messages: () => ({ messages: [1, 2, 3].map((n) => ({ fingerprint: n, timestamp: n * 100 })), next: null }),
  });
  clear = ipc.clear;
  const { result } = renderHook(() => useListMessages(connection, "s1", null, 3), { wrapper: queryWrapper() });
  await waitFor(() => expect(result.current.messages).toHaveLength(3));
  expect(ipc.calls.map((c) => c.args.request), "one request, carrying the Limit").toEqual([{ website_id: "w1", session_id: "s1", limit: 3 }]);
  expect(result.current.hasNextPage, "Limit is the most messages shown: nothing older to load").toBe(false);
});

test("useSendMessage rejects with the backend's AppError, kind and field intact", async () => {
  const ipc = installIpc({
    send_message: () => {
      throw { kind: "invalid_input", message: "content must be a string for text", field: "body.content" };
    },
  });
  clear = ipc.clear;
  const { result } = renderHook(() => useSendMessage(connection, "s1"), { wrapper: queryWrapper() });
  const sent = result.current.mutateAsync({
    body: { type: "text", from: "operator", origin: "chat", content: "hi", fingerprint: 7 },
    mayHaveLanded: false,
  });
  await expect(sent, "the screen branches on kind and shows the message at field").rejects.toMatchObject({
    kind: "invalid_input",
    field: "body.content",
    message: "content must be a string for text",
  });
  expect(ipc.calls[0].args, "the command receives connection and request").toEqual({
    connection: "demo",
    request: { website_id: "w1", session_id: "s1", body: { type: "text", from: "operator", origin: "chat", content: "hi", fingerprint: 7 } },
  });
});

test("useSendMessage marks a retry of a draft that may have landed, and only then", async () => {
  const ipc = installIpc({
    send_message: (args) => ({ fingerprint: (args.request as { body: { fingerprint: number } }).body.fingerprint }),
  });
  clear = ipc.clear;
  const { result } = renderHook(() => useSendMessage(connection, "s1"), { wrapper: queryWrapper() });
  const body = { type: "text", from: "operator", origin: "chat", content: "hi", fingerprint: 7 };
  await act(() => result.current.mutateAsync({ body, mayHaveLanded: false }));
  await act(() => result.current.mutateAsync({ body, mayHaveLanded: true }));
  expect(ipc.calls.map((c) => c.args.request), "a first try posts; a retry asks the backend to look the fingerprint up first").toEqual([
    { website_id: "w1", session_id: "s1", body },
    { website_id: "w1", session_id: "s1", body, may_have_landed: true },
  ]);
});

test("useListMessages does not poll the open thread while the connection is live, and polls again once the socket is down", async () => {
  const ipc = installIpc({ list_messages: () => ({ messages: [{ fingerprint: 1, timestamp: 100 }], next: null }) });
  clear = ipc.clear;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const status = (transport: "live" | "polling") => ({ transport }) as MonitorStatus;
  client.setQueryData(queryKeys.monitor.status("demo"), status("live"));
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const { result } = renderHook(() => useListMessages(connection, "s1", null, null), { wrapper });
  await waitFor(() => expect(result.current.messages).toHaveLength(1));
  const polling = () =>
    client.getQueryCache().find({ queryKey: [...queryKeys.messages.list("demo", "s1"), "live"] })?.observers[0]?.options.refetchInterval;
  expect(polling(), "live: the socket's changes keep the thread current, nothing polls").toBe(false);
  act(() => void client.setQueryData(queryKeys.monitor.status("demo"), status("polling")));
  await waitFor(() => expect(polling(), "the socket is down: the thread polls at the tier's pace").toBe(5_000));
  expect(ipc.calls.filter((c) => c.command === "monitor_status"), "the thread follows the footer's status, it never asks for it").toEqual([]);
});
