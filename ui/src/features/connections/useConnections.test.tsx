// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, expect, test } from "vitest";
import type { ConnectionSummary, SaveConnection } from "../../ipc";
import { installIpc } from "../../test/mockIpc";
import { useDeleteConnection, useSaveConnection, useTestConnection } from "./useConnections";

const KEY = "f00dbabe-secret-key";
const request: SaveConnection = { name: "Acme", identifier: "id-1", key: KEY, website_id: "w1", tier: "user" };
const saved: ConnectionSummary = {
  id: "c1",
  name: "Acme",
  identifier: "id-1",
  website_id: "w1",
  tier: "user",
  api_base: "https://api.crisp.chat",
  has_key: true,
  demo: false,
  selected: true,
};

let clear: () => void = () => undefined;
afterEach(() => {
  clear();
  window.localStorage.clear();
});

function withClient() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return { client, wrapper };
}

/** Everything the mutation cache holds, as text: variables, data, errors and context of every mutation. */
function cached(client: QueryClient): string {
  return JSON.stringify(client.getMutationCache().getAll().map((mutation) => mutation.state));
}

test("after a save or a test the key is nowhere in the mutation cache, though the backend received it", async () => {
  const ipc = installIpc({ save_connection: () => saved, test_connection: () => ({ website: { website_id: "w1" }, tier: "user" }) });
  clear = ipc.clear;
  const { client, wrapper } = withClient();
  const save = renderHook(() => useSaveConnection(), { wrapper });
  const check = renderHook(() => useTestConnection(), { wrapper });
  await act(() => check.result.current.mutateAsync({ ...request }));
  await act(() => save.result.current.mutateAsync({ ...request }));
  expect(
    ipc.calls.map((c) => (c.args.request as SaveConnection).key),
    "the key goes to the backend, once per call",
  ).toEqual([KEY, KEY]);
  expect(client.getMutationCache().getAll().length, "the mutations are still observed, so still cached").toBeGreaterThan(0);
  expect(cached(client), "a cached mutation must not keep the key (devtools and any cache reader would see it)").not.toContain(KEY);
});

test("a failed save keeps no key in the mutation cache either", async () => {
  const ipc = installIpc({
    save_connection: () => {
      throw { kind: "bad_credentials", message: "Crisp refused this key.", field: "key" };
    },
  });
  clear = ipc.clear;
  const { client, wrapper } = withClient();
  const save = renderHook(() => useSaveConnection(), { wrapper });
  await act(() => expect(save.result.current.mutateAsync({ ...request })).rejects.toMatchObject({ kind: "bad_credentials" }));
  expect(cached(client), "a failed save must not leave the key behind").not.toContain(KEY);
});

test("deleting a connection forgets its API console history and leaves other connections' alone", async () => {
  const ipc = installIpc({ delete_connection: () => ({ notice: null }) });
  clear = ipc.clear;
  window.localStorage.setItem("crisp-desk:raw-history:c1", JSON.stringify([{ id: "h1" }]));
  window.localStorage.setItem("crisp-desk:raw-history:c2", JSON.stringify([{ id: "h2" }]));
  window.localStorage.setItem("crisp-desk.first-run-done", "1");
  const { wrapper } = withClient();
  const remove = renderHook(() => useDeleteConnection(), { wrapper });
  await act(() => remove.result.current.mutateAsync("c1"));
  expect(window.localStorage.getItem("crisp-desk:raw-history:c1"), "the deleted connection's history goes with it").toBeNull();
  expect(window.localStorage.getItem("crisp-desk:raw-history:c2"), "another connection's history stays").not.toBeNull();
  expect(window.localStorage.getItem("crisp-desk.first-run-done"), "app-wide settings stay").toBe("1");
});
