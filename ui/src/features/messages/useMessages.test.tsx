// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, expect, test } from "vitest";
import type { ConnectionSummary } from "../../ipc";
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

test("useListMessages pages back with timestamp_before until Crisp says there is no more", async () => {
  const batches: Record<string, { messages: { fingerprint: number; timestamp: number }[]; more: boolean }> = {
    latest: { messages: [{ fingerprint: 3, timestamp: 300 }, { fingerprint: 2, timestamp: 200 }], more: true },
    "200": { messages: [{ fingerprint: 1, timestamp: 100 }], more: false },
  };
  const ipc = installIpc({
    list_messages: (args) => {
      const request = args.request as { timestamp_before?: number };
      return batches[request.timestamp_before != null ? String(request.timestamp_before) : "latest"];
    },
  });
  clear = ipc.clear;
  const { result } = renderHook(() => useListMessages(connection, "s1", null, null), { wrapper: queryWrapper() });
  await waitFor(() => expect(result.current.messages).toHaveLength(2));
  expect(result.current.hasNextPage, "206 (more) means older messages exist").toBe(true);
  await act(() => result.current.fetchNextPage());
  await waitFor(() => expect(result.current.messages.map((m) => m.fingerprint)).toEqual([1, 2, 3]));
  expect(result.current.hasNextPage, "200 (no more) ends the history").toBe(false);
  expect(ipc.calls.map((c) => c.args.request), "the second batch asks before the oldest message held").toEqual([
    { website_id: "w1", session_id: "s1" },
    { website_id: "w1", session_id: "s1", timestamp_before: 200 },
  ]);
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
