import { Avatar } from "../../components/Avatar";
import { ExternalLink, isWebUrl, LinkifiedText } from "../../components/ExternalLink";
import { isObject, known, type Json } from "../../components/lenient";
import { RawJson } from "../../components/RawJson";
import { formatTime, isoTime } from "../../components/time";
import type { Message, MessageUser, Original } from "../../ipc";

const fields = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});
const text = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** Who sent it, in words. */
export function senderName(message: Message): string {
  const nickname = known<MessageUser>(message.user)?.nickname?.trim();
  if (nickname) return nickname;
  return message.from === "operator" ? "Operator" : "Visitor";
}

/** Content that does not have the shape its type needs: shown as raw JSON rather than guessed at. */
function misfit(type: string, content: unknown): boolean {
  switch (type) {
    case "text":
    case "note":
      return typeof content !== "string";
    case "file":
      return !isObject(content) || typeof content.url !== "string" || typeof content.name !== "string";
    case "animation":
    case "audio":
      return !isObject(content) || typeof content.url !== "string";
    case "picker":
    case "field":
    case "carousel":
    case "event":
      return !isObject(content);
    default:
      // A type Crisp added that this app does not know: its content is shown as sent.
      return true;
  }
}

/** A remote image or recording that is not loaded yet: its address as text, never a request. */
function NotLoaded({ what, url }: { what: string; url: string }) {
  return (
    <p className="message-media-placeholder muted">
      {what} not loaded: <span className="media-url">{url}</span>
    </p>
  );
}

/**
 * The body of one message, rendered by what its type is. All values are React text: visitor input never becomes
 * markup. Remote images and audio are only requested once `showMedia` is set ("Show images").
 */
function MessageBody({ message, showMedia }: { message: Message; showMedia: boolean }) {
  const type = message.type ?? "text";
  const content = message.content;
  const c = fields(content);
  if (content != null && misfit(type, content)) return <RawJson value={content as Json} label="Content" />;
  switch (type) {
    case "text":
    case "note":
      return (
        <p className="message-text">
          <LinkifiedText text={text(content)} />
        </p>
      );
    case "file":
      return (
        <p className="message-file">
          <span aria-hidden="true">📄 </span>
          <ExternalLink url={text(c.url)} download>
            Download {text(c.name) || "file"}
          </ExternalLink>{" "}
          <span className="muted">({text(c.type)})</span>
        </p>
      );
    case "animation":
      if (isWebUrl(text(c.url)) && !showMedia) return <NotLoaded what="Image" url={text(c.url)} />;
      return isWebUrl(text(c.url)) ? (
        <img className="message-animation" src={text(c.url)} alt="Animation" loading="lazy" referrerPolicy="no-referrer" />
      ) : (
        <p className="muted">Animation: {text(c.url)}</p>
      );
    case "audio":
      if (isWebUrl(text(c.url)) && !showMedia) return <NotLoaded what="Audio" url={text(c.url)} />;
      return isWebUrl(text(c.url)) ? (
        <figure className="message-audio">
          <audio controls preload="none" src={text(c.url)} aria-label={`Audio message, ${text(c.duration)} seconds`} />
          <figcaption className="muted">{text(c.duration) ? `${text(c.duration)} s` : "Audio"}</figcaption>
        </figure>
      ) : (
        <p className="muted">Audio: {text(c.url)}</p>
      );
    case "picker": {
      const choices = Array.isArray(c.choices) ? c.choices.filter(isObject) : [];
      return (
        <div className="message-picker">
          <p>{text(c.text)}</p>
          <ul aria-label="Choices">
            {choices.map((choice, i) => (
              <li key={i} className={choice.selected ? "is-selected" : undefined}>
                {text(choice.label)} <span className="muted">({text(choice.value)})</span>
                {choice.selected ? <strong> — chosen</strong> : null}
              </li>
            ))}
          </ul>
        </div>
      );
    }
    case "field":
      return (
        <div className="message-field">
          <p>{text(c.text)}</p>
          {c.explain ? <p className="muted">{text(c.explain)}</p> : null}
          <p>
            Value: <strong>{c.value != null && c.value !== "" ? text(c.value) : "(not answered)"}</strong>
          </p>
        </div>
      );
    case "carousel": {
      const targets = Array.isArray(c.targets) ? c.targets.filter(isObject) : [];
      return (
        <div className="message-carousel">
          {c.text ? <p>{text(c.text)}</p> : null}
          <ul className="carousel-cards">
            {targets.map((t, i) => (
              <li key={i} className="carousel-card">
                {isWebUrl(text(t.image)) ? (
                  showMedia ? (
                    <img src={text(t.image)} alt="" loading="lazy" referrerPolicy="no-referrer" />
                  ) : (
                    <NotLoaded what="Image" url={text(t.image)} />
                  )
                ) : null}
                <strong>{text(t.title)}</strong>
                <p>{text(t.description)}</p>
                {(Array.isArray(t.actions) ? t.actions.filter(isObject) : []).map((a, j) => (
                  <ExternalLink key={j} url={text(a.url)}>
                    {text(a.label)}
                  </ExternalLink>
                ))}
              </li>
            ))}
          </ul>
        </div>
      );
    }
    case "event":
      return (
        <p className="message-event">
          {text(c.text) || text(c.namespace)} <span className="muted">({text(c.namespace)})</span>
        </p>
      );
    default:
      return <p className="message-text">{text(content)}</p>;
  }
}

export interface MessageViewProps {
  message: Message;
  onEdit?: (message: Message) => void;
  /** Whether remote images, audio and avatars may be requested ("Show images" for this conversation). */
  showMedia?: boolean;
}

/** Whether showing `message` would request something remote (an image, a recording, an avatar). */
export function hasRemoteMedia(message: Message): boolean {
  if (!isObject(message)) return false;
  const c = fields(message.content);
  const urls: unknown[] = [known<MessageUser>(message.user)?.avatar];
  if (message.type === "animation" || message.type === "audio") urls.push(c.url);
  if (message.type === "carousel" && Array.isArray(c.targets)) urls.push(...c.targets.filter(isObject).map((t) => t.image));
  return urls.some((url) => isWebUrl(text(url)));
}

/** One message: avatar, sender, time, marks (note, edited, translated) and its body. */
export function MessageView({ message, onEdit, showMedia = false }: MessageViewProps) {
  if (!isObject(message)) {
    return (
      <li className="message">
        <RawJson value={message as Json} label="Message" />
      </li>
    );
  }
  const type = message.type ?? "text";
  if (type === "event") {
    return (
      <li className="message message-event-line" data-fingerprint={message.fingerprint ?? undefined}>
        <MessageBody message={message} showMedia={showMedia} />
        <time dateTime={isoTime(message.timestamp)} className="muted">
          {formatTime(message.timestamp)}
        </time>
      </li>
    );
  }
  const from = message.from === "operator" ? "operator" : "user";
  return (
    <li
      className={`message message-from-${from}${type === "note" ? " message-note" : ""}`}
      data-fingerprint={message.fingerprint ?? undefined}
    >
      <Avatar url={showMedia ? known<MessageUser>(message.user)?.avatar : null} name={senderName(message)} />
      <div className="message-main">
        <div className="message-head">
          <span className="message-sender">{senderName(message)}</span>
          <time dateTime={isoTime(message.timestamp)} className="muted">
            {formatTime(message.timestamp)}
          </time>
          {type === "note" ? <span className="badge badge-note">Private note</span> : null}
          {message.edited ? <span className="badge">Edited</span> : null}
          {message.translated ? <span className="badge">Translated</span> : null}
          {message.fingerprint != null && onEdit ? (
            <button type="button" className="link-button" onClick={() => onEdit(message)} aria-label={`Edit message ${message.fingerprint}`}>
              Edit
            </button>
          ) : null}
        </div>
        <MessageBody message={message} showMedia={showMedia} />
        <OriginalLine message={message} />
      </div>
    </li>
  );
}

/** The message before translation (Original Type, Content and ID), when Crisp has one. */
function OriginalLine({ message }: { message: Message }) {
  const original = message.original;
  if (original == null) return null;
  const o = known<Original>(original);
  if (!o) return <RawJson value={original as Json} label="Original" />;
  if (o.type == null && o.content == null && o.original_id == null) return null;
  return (
    <p className="message-original muted">
      Original{o.type ? ` (${o.type})` : ""}: {text(o.content)}
      {o.original_id ? ` [ID ${o.original_id}]` : ""}
    </p>
  );
}
