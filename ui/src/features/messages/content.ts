import type {
  AudioContent,
  CarouselContent,
  EventContent,
  FieldContent,
  FileContent,
  AnimationContent,
  MessageContent,
  PickerContent,
} from "../../ipc";

/** The message types the Send a Message module offers, in its order. */
export const MESSAGE_TYPES = ["text", "note", "file", "animation", "audio", "picker", "field", "carousel", "event"] as const;
export type KnownType = (typeof MESSAGE_TYPES)[number];

/** Message Sender values. */
export const SENDERS = ["operator", "user"] as const;
/** Message Origin suggestions; any `urn:…` is accepted too. */
export const ORIGINS = ["chat", "email"] as const;
/** The sender user's Type values. */
export const USER_TYPES = ["website", "participant"] as const;

/** Every type's content, as the content forms hold it (numbers and booleans as typed). */
export interface ContentValues {
  text: string;
  file: { name: string; url: string; type: string };
  animation: { url: string; type: string };
  audio: { url: string; type: string; duration: string };
  picker: { id: string; text: string; required: boolean; choices: { value: string; label: string; selected: boolean }[] };
  field: { id: string; text: string; explain: string; value: string; required: boolean };
  carousel: {
    text: string;
    targets: { title: string; description: string; image: string; actions: { label: string; url: string }[] }[];
  };
  event: { namespace: string; text: string };
}

export function emptyContent(): ContentValues {
  return {
    text: "",
    file: { name: "", url: "", type: "" },
    animation: { url: "", type: "image/gif" },
    audio: { url: "", type: "audio/mpeg", duration: "" },
    picker: { id: "", text: "", required: false, choices: [{ value: "", label: "", selected: false }] },
    field: { id: "", text: "", explain: "", value: "", required: false },
    carousel: { text: "", targets: [{ title: "", description: "", image: "", actions: [{ label: "", url: "" }] }] },
    event: { namespace: "", text: "" },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));

/** A stored message's content in the form of its own type (for Update a Message). */
export function contentToValues(type: string, content: MessageContent | null | undefined): ContentValues {
  const values = emptyContent();
  const c: Record<string, unknown> = isObject(content) ? content : {};
  switch (type) {
    case "file":
      values.file = { name: str(c.name), url: str(c.url), type: str(c.type) };
      break;
    case "animation":
      values.animation = { url: str(c.url), type: str(c.type) };
      break;
    case "audio":
      values.audio = { url: str(c.url), type: str(c.type), duration: str(c.duration) };
      break;
    case "picker":
      values.picker = {
        id: str(c.id),
        text: str(c.text),
        required: c.required === true,
        choices: (Array.isArray(c.choices) ? c.choices : []).filter(isObject).map((choice) => ({
          value: str(choice.value),
          label: str(choice.label),
          selected: choice.selected === true,
        })),
      };
      break;
    case "field":
      values.field = { id: str(c.id), text: str(c.text), explain: str(c.explain), value: str(c.value), required: c.required === true };
      break;
    case "carousel":
      values.carousel = {
        text: str(c.text),
        targets: (Array.isArray(c.targets) ? c.targets : []).filter(isObject).map((t) => ({
          title: str(t.title),
          description: str(t.description),
          image: str(t.image),
          actions: (Array.isArray(t.actions) ? t.actions : []).filter(isObject).map((a) => ({ label: str(a.label), url: str(a.url) })),
        })),
      };
      break;
    case "event":
      values.event = { namespace: str(c.namespace), text: str(c.text) };
      break;
    default:
      values.text = typeof content === "string" ? content : "";
  }
  return values;
}

/** A problem with the content of this type, or null when it can be sent. */
export function contentProblem(type: string, values: ContentValues): { field: string; message: string } | null {
  const url = (v: string) => /^https?:\/\/\S+$/i.test(v.trim());
  switch (type) {
    case "text":
    case "note":
      return values.text.trim() ? null : { field: "text", message: "Write the message first." };
    case "file":
      if (!values.file.name.trim()) return { field: "file.name", message: "Give the file a name." };
      if (!url(values.file.url)) return { field: "file.url", message: "The file must be at a public http(s) URL." };
      if (!values.file.type.includes("/")) return { field: "file.type", message: "Type is a MIME type, like application/pdf." };
      return null;
    case "animation":
      if (!url(values.animation.url)) return { field: "animation.url", message: "The animation must be at a public http(s) URL." };
      return values.animation.type.includes("/") ? null : { field: "animation.type", message: "Type is a MIME type, like image/gif." };
    case "audio": {
      if (!url(values.audio.url)) return { field: "audio.url", message: "The audio must be at a public http(s) URL." };
      if (!values.audio.type.includes("/")) return { field: "audio.type", message: "Type is a MIME type, like audio/mpeg." };
      const d = Number(values.audio.duration);
      return Number.isInteger(d) && d >= 0 && values.audio.duration.trim() !== ""
        ? null
        : { field: "audio.duration", message: "Duration is a whole number of seconds." };
    }
    case "picker":
      if (!values.picker.id.trim()) return { field: "picker.id", message: "Give the picker an ID." };
      if (!values.picker.text.trim()) return { field: "picker.text", message: "Write the picker's question." };
      return values.picker.choices.some((c) => c.value.trim() && c.label.trim())
        ? null
        : { field: "picker.choices", message: "Add at least one choice with a value and a label." };
    case "field":
      if (!values.field.id.trim()) return { field: "field.id", message: "Give the field an ID." };
      return values.field.text.trim() ? null : { field: "field.text", message: "Write the field's question." };
    case "carousel":
      return values.carousel.targets.some((t) => t.title.trim())
        ? null
        : { field: "carousel.targets", message: "Add at least one card with a title." };
    case "event":
      return values.event.namespace.trim() ? null : { field: "event.namespace", message: "Give the event a namespace." };
    default:
      return null;
  }
}

/** The `content` Crisp takes for this type, built from the form (optional parts only when set). */
export function valuesToContent(type: string, values: ContentValues): MessageContent {
  switch (type) {
    case "file":
      return { name: values.file.name.trim(), url: values.file.url.trim(), type: values.file.type.trim() } satisfies FileContent;
    case "animation":
      return { url: values.animation.url.trim(), type: values.animation.type.trim() } satisfies AnimationContent;
    case "audio":
      return {
        url: values.audio.url.trim(),
        type: values.audio.type.trim(),
        duration: Number(values.audio.duration),
      } satisfies AudioContent;
    case "picker": {
      const picker: PickerContent = {
        id: values.picker.id.trim(),
        text: values.picker.text,
        choices: values.picker.choices
          .filter((c) => c.value.trim() || c.label.trim())
          .map((c) => ({ value: c.value.trim(), label: c.label, selected: c.selected })),
      };
      if (values.picker.required) picker.required = true;
      return picker;
    }
    case "field": {
      const field: FieldContent = { id: values.field.id.trim(), text: values.field.text, explain: values.field.explain };
      if (values.field.value !== "") field.value = values.field.value;
      if (values.field.required) field.required = true;
      return field;
    }
    case "carousel":
      return {
        text: values.carousel.text,
        targets: values.carousel.targets
          .filter((t) => t.title.trim())
          .map((t) => {
            const target: CarouselContent["targets"][number] = {
              title: t.title,
              description: t.description,
              actions: t.actions.filter((a) => a.label.trim() && a.url.trim()).map((a) => ({ label: a.label, url: a.url.trim() })),
            };
            if (t.image.trim()) target.image = t.image.trim();
            return target;
          }),
      } satisfies CarouselContent;
    case "event": {
      const event: EventContent = { namespace: values.event.namespace.trim() };
      if (values.event.text.trim()) event.text = values.event.text;
      return event;
    }
    default:
      return values.text;
  }
}

/** A fresh fingerprint: a positive integer below 2^53 (exact in JSON and JS), unique enough per conversation. */
export function newFingerprint(now = Date.now(), random = Math.random()): number {
  return now * 1000 + Math.floor(random * 1000);
}

/** True when Message Origin is chat, email or a `urn:…`. */
export function validOrigin(origin: string): boolean {
  return origin === "chat" || origin === "email" || /^urn:\S+$/.test(origin);
}
