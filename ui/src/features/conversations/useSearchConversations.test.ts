import { InfiniteQueryObserver, QueryClient, type InfiniteData } from "@tanstack/react-query";
import { describe, expect, test } from "vitest";
import type { Conversation, ConnectionSummary } from "../../ipc";
import { firstInboxRequest } from "../../session/early";
import { EMPTY_FILTERS, toSearchRequest } from "./filters";
import { conversationPages } from "./useSearchConversations";

const connection = { id: "demo", website_id: "w-demo" } as ConnectionSummary;

describe("conversationPages", () => {
  test("what is written into a loaded list is kept as written, never deep-compared with the rows it replaces", () => {
    const client = new QueryClient();
    const key = ["conversations", "demo", "search", EMPTY_FILTERS];
    // The list as the inbox holds it (not fetched: the rows below are written as a page and a live change would).
    new InfiniteQueryObserver(client, { ...conversationPages(connection, EMPTY_FILTERS, key), enabled: false });
    const rows = (n: number) => Array.from({ length: n }, (_, i): Conversation => ({ session_id: `s${i}`, updated_at: i }));
    client.setQueryData<InfiniteData<Conversation[], number>>(key, { pages: [rows(50)], pageParams: [1] });
    const written = { pages: [rows(50)], pageParams: [1] };
    client.setQueryData(key, written);
    // Deep-compared, equal rows would give back the old objects: with 10,000 rows that costs a frame per change.
    expect(client.getQueryData(key)).toBe(written);
  });
});

describe("the page entry's early request", () => {
  test("is the inbox's own first request, key for key, so the app takes its answer instead of asking again", () => {
    expect(JSON.stringify(firstInboxRequest("w-demo"))).toBe(JSON.stringify(toSearchRequest(EMPTY_FILTERS, "w-demo", 1)));
  });
});
