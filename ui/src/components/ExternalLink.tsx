import { createContext, useContext, type ReactNode } from "react";

/** Opens an http(s) URL outside the app (in the system browser); a refusal or failure rejects. */
export type LinkOpener = (url: string) => Promise<unknown>;

/**
 * How links open, provided by the shell (the backend's http(s)-only command). Without a provider a link opens
 * nothing: the click never navigates the app's own window.
 */
export const LinkOpenerContext = createContext<LinkOpener | null>(null);

/** True for http(s) URLs, the only links the app opens. */
export function isWebUrl(url: string | null | undefined): url is string {
  return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url.trim());
}

/**
 * A link that opens only on click, in the system browser, through the opener the shell provides
 * (`LinkOpenerContext`). Anything that is not http(s) is shown as plain text.
 */
export function ExternalLink({ url, children, download }: { url: string; children?: ReactNode; download?: boolean }) {
  const open = useContext(LinkOpenerContext);
  if (!isWebUrl(url)) return <span className="unsafe-link">{children ?? url}</span>;
  return (
    <a
      href={url}
      rel="noreferrer noopener"
      className={download ? "download-link" : undefined}
      onClick={(e) => {
        e.preventDefault();
        void open?.(url).catch(() => undefined);
      }}
    >
      {children ?? url}
    </a>
  );
}

const URL_IN_TEXT = /(https?:\/\/[^\s<>"']+)/gi;

/** Plain text with its http(s) URLs as click-to-open links; everything else stays text (never markup). */
export function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(URL_IN_TEXT);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <ExternalLink key={i} url={part} /> : part))}
    </>
  );
}
