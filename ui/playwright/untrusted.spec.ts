import { afterAll, expect, test } from "vitest";
import { closeBrowser, openApp } from "./support/app";
import { fakeCrisp, sessionId, WEBSITE_ID } from "./support/crisp";

afterAll(closeBrowser);

const IMG = "<img src=x onerror=\"window.__pwned='img'\">";
const SCRIPT = "<script>window.__pwned='script'</script>";
const NICK = "<img src=x onerror=\"window.__pwned='nickname'\">";
const AVATAR = "javascript:window.__pwned='avatar'";
const AVATAR_MARKUP = "\"><img src=x onerror=\"window.__pwned='avatar2'\">";

test("visitor content, nicknames and avatar URLs that carry markup show as text and execute nothing", async () => {
  const session = sessionId(0);
  const crisp = fakeCrisp({ conversations: 3 });
  crisp.state.conversations[0].meta = { nickname: NICK, avatar: AVATAR_MARKUP, email: "x@example.com" };
  crisp.state.conversations[0].last_message = SCRIPT;
  const base = { session_id: session, website_id: WEBSITE_ID, from: "user", origin: "chat" } as const;
  crisp.state.messages.set(session, [
    { ...base, type: "text", content: IMG, fingerprint: 1, timestamp: 1_000, user: { nickname: NICK, avatar: AVATAR } },
    { ...base, type: "text", content: SCRIPT, fingerprint: 2, timestamp: 2_000, user: { nickname: "Eve", avatar: AVATAR_MARKUP } },
    { ...base, type: "file", content: { name: IMG, url: "javascript:window.__pwned='file'", type: "text/html" }, fingerprint: 3, timestamp: 3_000 },
    { ...base, type: "note", content: "click javascript:window.__pwned='link' or data:text/html,<script>x</script>", fingerprint: 4, timestamp: 4_000 },
  ]);
  const app = await openApp({ route: `conversations/${session}`, handlers: crisp.handlers });
  const { page, ipc } = app;
  try {
    const thread = page.getByRole("region", { name: "Messages" });
    await thread.getByText(IMG, { exact: true }).waitFor();
    expect(await thread.getByText(SCRIPT, { exact: true }).count(), "a script tag shows as its text").toBe(1);
    expect(await page.getByRole("listbox", { name: "Conversations" }).getByText(SCRIPT).count(), "the list shows the last message as text").toBe(1);
    expect(await page.getByRole("heading", { name: NICK, level: 2 }).count(), "the nickname shows as text in the header").toBe(1);
    expect(await thread.getByText(NICK, { exact: true }).count(), "the nickname shows as text in the thread").toBe(1);
    expect(await thread.getByText(`Download ${IMG}`).count(), "a file name with markup shows as text").toBe(1);

    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      imgX: document.querySelectorAll('#root img[src="x"]').length,
      scripts: document.querySelectorAll("#root script").length,
      javascriptLinks: document.querySelectorAll('#root a[href^="javascript:"], #root [src^="javascript:"]').length,
    }));
    expect(injected, "no markup from visitors became elements and nothing ran").toEqual({ pwned: null, imgX: 0, scripts: 0, javascriptLinks: 0 });

    expect(await thread.getByRole("link").count(), "only http(s) URLs become links; none of these are").toBe(0);
    await thread.getByText(`Download ${IMG}`).click();
    expect(ipc.of("open_external_link"), "a javascript: URL is never handed to the backend").toHaveLength(0);
    expect(app.errors, "no page errors").toEqual([]);
  } finally {
    await app.close();
  }
});

const MEDIA = "https://media.example.com";
/** A 1×1 transparent GIF, the answer to every remote image request the test lets through. */
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

test("remote images, recordings and avatars in a conversation are requested only after Show images for it", async () => {
  const crisp = fakeCrisp({ conversations: 3 });
  const base = (session: string) => ({ session_id: session, website_id: WEBSITE_ID, from: "user", origin: "chat" }) as const;
  const media = (session: string, tag: string) => [
    { ...base(session), type: "text", content: `Hi ${tag}`, fingerprint: 1, timestamp: 1_000, user: { nickname: "Eve", avatar: `${MEDIA}/${tag}/avatar.png` } },
    { ...base(session), type: "animation", content: { url: `${MEDIA}/${tag}/pixel.gif`, type: "image/gif" }, fingerprint: 2, timestamp: 2_000 },
    { ...base(session), type: "audio", content: { url: `${MEDIA}/${tag}/voice.mp3`, type: "audio/mpeg", duration: 3 }, fingerprint: 3, timestamp: 3_000 },
  ];
  crisp.state.messages.set(sessionId(0), media(sessionId(0), "first"));
  crisp.state.messages.set(sessionId(1), media(sessionId(1), "second"));
  // Opened on the list, so the request log below is in place before any thread renders.
  const app = await openApp({ route: "conversations", handlers: crisp.handlers });
  const { page } = app;
  const requested: string[] = [];
  await app.context.route(`${MEDIA}/**`, (route) => {
    requested.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "image/gif", body: PIXEL });
  });
  const remoteElements = () =>
    page.evaluate(() => document.querySelectorAll('#root img[src^="http"], #root audio, #root video, #root source').length);
  try {
    const list = page.getByRole("listbox", { name: "Conversations" });
    await list.getByRole("option").first().click();
    const thread = page.getByRole("region", { name: "Messages" });
    await thread.getByText("Hi first").waitFor();
    expect(await thread.getByText(`Image not loaded: ${MEDIA}/first/pixel.gif`).count(), "the image is named as text").toBe(1);
    expect(await thread.getByText(`Audio not loaded: ${MEDIA}/first/voice.mp3`).count(), "the recording is named as text").toBe(1);
    expect(await remoteElements(), "no element that could fetch a remote URL exists before the choice").toBe(0);
    expect(requested, "nothing was requested from the visitor's host before Show images").toEqual([]);

    await thread.getByRole("button", { name: "Show images" }).click();
    await expect
      .poll(() => [...requested].sort(), { message: "the image and the avatar load once the operator chose to show them" })
      .toEqual([`${MEDIA}/first/avatar.png`, `${MEDIA}/first/pixel.gif`]);
    expect(await thread.locator("audio").count(), "the recording is playable after the choice").toBe(1);

    await list.getByRole("option").nth(1).click();
    await thread.getByText("Hi second").waitFor();
    expect(await remoteElements(), "the choice is per conversation: another one still loads nothing").toBe(0);
    expect(await thread.getByRole("button", { name: "Show images" }).count(), "and offers the choice again").toBe(1);

    await list.getByRole("option").first().click();
    await thread.getByText("Hi first").waitFor();
    await thread.locator("img.message-animation").waitFor();
    expect(await thread.getByRole("button", { name: "Show images" }).count(), "the first conversation's choice is kept").toBe(0);
    expect(requested.filter((url) => url.includes("/second/")), "the second conversation's media was never requested").toEqual([]);
    expect(app.errors, "no page errors").toEqual([]);
  } finally {
    await app.close();
  }
});

test("an odd nested field or item shows as raw JSON and the rest of the conversation list and thread show", async () => {
  const session = sessionId(0);
  const crisp = fakeCrisp({ conversations: 3 });
  const list = crisp.state.conversations as unknown[];
  (list[0] as Record<string, unknown>).unread = "many";
  (list[1] as Record<string, unknown>).meta = "not an object";
  list.splice(2, 0, null);
  const base = { session_id: session, website_id: WEBSITE_ID, from: "user", origin: "chat" } as const;
  crisp.state.messages.set(session, [
    { ...base, type: "text", content: "The first message reads", fingerprint: 1, timestamp: 1_000, user: "Eve" },
    { ...base, type: "file", content: { name: ["odd"], url: 7 }, fingerprint: 2, timestamp: 2_000 },
    "a message that is not an object",
    { ...base, type: "text", content: "The last message reads", fingerprint: 4, timestamp: 4_000 },
  ] as never);
  const app = await openApp({ route: `conversations/${session}`, handlers: crisp.handlers });
  const { page } = app;
  try {
    const thread = page.getByRole("region", { name: "Messages" });
    await thread.getByText("The last message reads").waitFor();
    expect(await thread.getByText("The first message reads").count(), "a message with an odd sender still shows").toBe(1);
    expect(await thread.getByRole("figure", { name: "Content (raw JSON)" }).textContent(), "odd content is shown as sent").toContain('"url": 7');
    expect(await thread.getByRole("figure", { name: "Message (raw JSON)" }).textContent(), "an item that is not a message is shown as sent").toContain(
      "a message that is not an object",
    );
    const rows = page.getByRole("listbox", { name: "Conversations" }).getByRole("option");
    await expect.poll(() => rows.count(), { message: "every conversation row shows, the odd ones included" }).toBe(4);
    expect(await rows.nth(2).getByRole("figure", { name: "Conversation (raw JSON)" }).textContent(), "a null item is shown as sent").toContain("null");
    expect(await rows.nth(1).getByLabel("Visitor details (raw JSON)").textContent(), "odd visitor details are shown as sent").toBe('"not an object"');
    expect(await rows.nth(0).textContent(), "a row with odd unread counts still shows its conversation").toContain("Ana Costa 0");
    expect(app.errors, "no page errors").toEqual([]);
  } finally {
    await app.close();
  }
});

test("an odd company, geolocation or item shows as raw JSON and the rest of the people and visitor lists show", async () => {
  const people = [
    { people_id: "00000000-0000-4000-8000-000000000001", email: "ana@example.com", person: { nickname: "Ana" }, company: "Acme Inc", segments: ["vip"] },
    42,
    { people_id: "00000000-0000-4000-8000-000000000003", email: "rui@example.com", person: { nickname: "Rui" }, segments: "vip" },
  ];
  const visitors = [
    { session_id: "session_a", nickname: "Eve", geolocation: "Lisbon", last_page: { page_title: "Pricing" } },
    null,
    { session_id: "session_b", nickname: "Mallory", geolocation: { city: "Porto", country: "PT" }, last_page: ["x"] },
  ];
  const app = await openApp({
    route: "people",
    handlers: {
      list_people_profiles: () => people as never,
      count_visitors: () => ({ count: 3 }),
      list_visitors: () => visitors as never,
    },
  });
  const { page } = app;
  try {
    const table = page.getByRole("table", { name: "People" });
    await table.getByRole("button", { name: "Rui" }).waitFor();
    const rows = table.getByRole("row");
    expect(await rows.count(), "the header and all three profiles show").toBe(4);
    expect(await rows.nth(1).getByLabel("Company (raw JSON)").textContent(), "a company that is a string is shown as sent").toBe('"Acme Inc"');
    expect(await rows.nth(2).getByLabel("Profile (raw JSON)").textContent(), "an item that is not a profile is shown as sent").toBe("42");
    expect(await rows.nth(3).getByLabel("Segments (raw JSON)").textContent(), "segments that are not a list are shown as sent").toBe('"vip"');

    await page.goto(page.url().replace(/#.*$/, "#/visitors"));
    const visitorRows = page.getByRole("row");
    await page.getByRole("cell", { name: "Mallory", exact: true }).waitFor();
    expect(await page.getByLabel("Location (raw JSON)").textContent(), "a geolocation that is a string is shown as sent").toBe('"Lisbon"');
    expect(await page.getByLabel("Visitor (raw JSON)").textContent(), "a null item is shown as sent").toBe("null");
    expect(await page.getByLabel("Current page (raw JSON)").textContent(), "an odd last page is shown as sent").toBe('["x"]');
    expect(await page.getByText("Porto, PT").count(), "the other visitor's place reads").toBe(1);
    expect(await visitorRows.count(), "the header and all three visitors show").toBeGreaterThanOrEqual(4);
    expect(app.errors, "no page errors").toEqual([]);
  } finally {
    await app.close();
  }
});

test("a message type and a profile field the app does not know are shown as raw JSON, never dropped", async () => {
  const session = sessionId(0);
  const crisp = fakeCrisp({ conversations: 1 });
  const base = { session_id: session, website_id: WEBSITE_ID, from: "user", origin: "chat" } as const;
  crisp.state.messages.set(session, [
    { ...base, type: "survey", content: { question: "How did we do?", scale: 5 }, fingerprint: 1, timestamp: 1_000 },
    { ...base, type: "text", content: "The message after it reads", fingerprint: 2, timestamp: 2_000 },
  ] as never);
  const app = await openApp({ route: `conversations/${session}`, handlers: crisp.handlers });
  try {
    const thread = app.page.getByRole("region", { name: "Messages" });
    await thread.getByText("The message after it reads").waitFor();
    const raw = await thread.getByRole("figure", { name: "Content (raw JSON)" }).textContent();
    expect(raw, "an unknown type's content is shown as sent").toContain('"question": "How did we do?"');
    expect(raw, "every part of it").toContain('"scale": 5');
    expect(app.errors, "no page errors").toEqual([]);
  } finally {
    await app.close();
  }

  const peopleId = "00000000-0000-4000-8000-00000000000a";
  const profile = {
    people_id: peopleId,
    email: "ana@example.com",
    person: { nickname: "Ana" },
    loyalty_tier: { level: "gold", since: 2024 },
  };
  const person = await openApp({ route: `people/${peopleId}`, handlers: { get_people_profile: () => profile as never } });
  try {
    await person.page.getByRole("heading", { name: "Ana" }).waitFor();
    const others = await person.page.getByRole("region", { name: "Other fields" }).textContent();
    expect(others, "a profile field Crisp added is shown as sent").toContain('"loyalty_tier"');
    expect(others, "with its value").toContain('"level": "gold"');
    expect(others, "fields the app reads are not repeated there").not.toContain("ana@example.com");
    expect(person.errors, "no page errors").toEqual([]);
  } finally {
    await person.close();
  }
});
