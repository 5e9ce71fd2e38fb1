import { describe, expect, test } from "vitest";
import { contentProblem, contentToValues, emptyContent, newFingerprint, validOrigin, valuesToContent } from "./content";

describe("valuesToContent", () => {
  test("builds a file content object with its MIME type under `type`", () => {
    const values = emptyContent();
    values.file = { name: " receipt.pdf ", url: "https://files.example.com/r.pdf ", type: "application/pdf" };
    expect(valuesToContent("file", values), "Crisp takes {name, url, type} for files").toEqual({
      name: "receipt.pdf",
      url: "https://files.example.com/r.pdf",
      type: "application/pdf",
    });
  });

  test("leaves optional parts out of pickers, fields and events when unset", () => {
    const values = emptyContent();
    values.picker = { id: "p1", text: "Pick", required: false, choices: [{ value: "a", label: "A", selected: false }, { value: "", label: "", selected: false }] };
    values.field = { id: "f1", text: "Email?", explain: "We answer there", value: "", required: false };
    values.event = { namespace: "order:paid", text: "" };
    expect(valuesToContent("picker", values)).toEqual({ id: "p1", text: "Pick", choices: [{ value: "a", label: "A", selected: false }] });
    expect(valuesToContent("field", values)).toEqual({ id: "f1", text: "Email?", explain: "We answer there" });
    expect(valuesToContent("event", values)).toEqual({ namespace: "order:paid" });
  });

  test("audio durations go out as numbers", () => {
    const values = emptyContent();
    values.audio = { url: "https://x.example/a.mp3", type: "audio/mpeg", duration: "12" };
    expect(valuesToContent("audio", values)).toEqual({ url: "https://x.example/a.mp3", type: "audio/mpeg", duration: 12 });
  });
});

describe("contentToValues", () => {
  test("round-trips a stored carousel through the form unchanged", () => {
    const stored = {
      text: "Plans",
      targets: [{ title: "Pro", description: "For teams", image: "https://x.example/p.png", actions: [{ label: "Buy", url: "https://x.example/buy" }] }],
    };
    expect(valuesToContent("carousel", contentToValues("carousel", stored)), "editing keeps what was there").toEqual(stored);
  });

  test("reads text content and ignores objects where a string is expected", () => {
    expect(contentToValues("text", "hello").text).toBe("hello");
    expect(contentToValues("note", { odd: true }).text).toBe("");
  });
});

describe("checks", () => {
  test("refuse a file without an http(s) URL and an audio without a duration", () => {
    const values = emptyContent();
    values.file = { name: "a", url: "javascript:alert(1)", type: "text/plain" };
    expect(contentProblem("file", values)?.field).toBe("file.url");
    values.audio = { url: "https://x.example/a.mp3", type: "audio/mpeg", duration: "" };
    expect(contentProblem("audio", values)?.field).toBe("audio.duration");
  });

  test("origin accepts chat, email and any urn", () => {
    expect(["chat", "email", "urn:crisp.im:slack:0"].every(validOrigin)).toBe(true);
    expect(validOrigin("sms"), "only documented origins and urns").toBe(false);
  });

  test("fingerprints are safe integers", () => {
    const fp = newFingerprint(1_764_000_000_000, 0.999);
    expect(Number.isSafeInteger(fp), "a fingerprint must survive JSON exactly").toBe(true);
  });
});
