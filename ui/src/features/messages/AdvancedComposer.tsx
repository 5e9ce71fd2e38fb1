import { useRef, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { Field } from "../../components/Field";
import { asAppError, describeError, type Operator, type SendMessageBody } from "../../ipc";
import { OperatorOptions, operatorName } from "../operators/operators";
import { ContentFields } from "./ContentFields";
import {
  contentProblem,
  emptyContent,
  MESSAGE_TYPES,
  newFingerprint,
  ORIGINS,
  SENDERS,
  USER_TYPES,
  validOrigin,
  valuesToContent,
  type ContentValues,
} from "./content";
import type { DraftTry } from "./useMessages";

/** Every field of the Send a Message module, as typed. */
export interface AdvancedValues {
  sessionId: string;
  type: string;
  content: ContentValues;
  from: string;
  origin: string;
  mentions: string;
  fingerprint: string;
  user: { type: string; nickname: string; avatar: string };
  /** The message before translation: the module's Original Type and Content. */
  original: { type: string; content: string };
  translated: boolean;
}

function initialValues(sessionId: string): AdvancedValues {
  return {
    sessionId,
    type: "text",
    content: emptyContent(),
    from: "operator",
    origin: "chat",
    mentions: "",
    fingerprint: String(newFingerprint()),
    user: { type: "", nickname: "", avatar: "" },
    original: { type: "", content: "" },
    translated: false,
  };
}

type Problem = { field: string; message: string };

/** Checks the whole form; the first problem names its field. */
export function advancedProblem(values: AdvancedValues): Problem | null {
  if (!values.sessionId.trim()) return { field: "sessionId", message: "Enter the Session ID of the conversation." };
  const content = contentProblem(values.type, values.content);
  if (content) return { field: `content.${content.field}`, message: content.message };
  if (!validOrigin(values.origin.trim())) return { field: "origin", message: "Message Origin is chat, email or a urn:… value." };
  if (!/^-?\d+$/.test(values.fingerprint.trim()) || !Number.isSafeInteger(Number(values.fingerprint.trim()))) {
    return { field: "fingerprint", message: "Unique Message Fingerprint is a whole number." };
  }
  if (values.user.avatar.trim() && !/^https?:\/\/\S+$/i.test(values.user.avatar.trim())) {
    return { field: "user.avatar", message: "Avatar is an http(s) image address." };
  }
  return null;
}

/** The send_message body for the form: only what is set goes in. */
export function toSendBody(values: AdvancedValues): SendMessageBody {
  const body: SendMessageBody = {
    type: values.type,
    from: values.from,
    origin: values.origin.trim(),
    content: valuesToContent(values.type, values.content),
    fingerprint: Number(values.fingerprint.trim()),
  };
  const mentions = values.mentions
    .split(/[\s,]+/)
    .map((m) => m.trim())
    .filter(Boolean);
  if (mentions.length) body.mentions = mentions;
  const user: NonNullable<SendMessageBody["user"]> = {};
  if (values.user.type) user.type = values.user.type;
  if (values.user.nickname.trim()) user.nickname = values.user.nickname.trim();
  if (values.user.avatar.trim()) user.avatar = values.user.avatar.trim();
  if (Object.keys(user).length) body.user = user;
  const original: NonNullable<SendMessageBody["original"]> = {};
  if (values.original.type) original.type = values.original.type;
  if (values.original.content.trim()) original.content = values.original.content;
  if (Object.keys(original).length) body.original = original;
  if (values.translated) body.translated = true;
  return body;
}

export interface AdvancedComposerProps {
  /** The conversation the form was opened from; its Session ID starts with it. */
  sessionId: string;
  operators: Operator[];
  send: (attempt: DraftTry) => Promise<unknown>;
  onSent: () => void;
}

/**
 * The Send a Message module as a form, with a content form per Message Type. One send at a time; failed sends
 * keep everything, and sending the same fingerprint again asks Crisp whether the failed try landed first.
 */
export function AdvancedComposer({ sessionId, operators, send, onSent }: AdvancedComposerProps) {
  const form = useForm<AdvancedValues>({ defaultValues: initialValues(sessionId) });
  const { register, handleSubmit, watch, formState } = form;
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  // Fingerprints whose try failed: their outcome is unknown until Crisp is asked.
  const failed = useRef(new Set<number>());
  const flying = useRef(false);
  const type = watch("type");
  const at = (field: string) => (problem?.field === field ? problem.message : null);

  const onSubmit = handleSubmit(async (values) => {
    if (flying.current) return;
    const found = advancedProblem(values);
    setProblem(found);
    setSendError(null);
    if (found) return;
    const body: SendMessageBody = toSendBody(values);
    const fingerprint = body.fingerprint ?? NaN;
    flying.current = true;
    try {
      await send({ body, mayHaveLanded: failed.current.has(fingerprint), sessionId: values.sessionId.trim() });
      failed.current.delete(fingerprint);
      form.reset(initialValues(sessionId));
      onSent();
    } catch (error) {
      failed.current.add(fingerprint);
      const e = asAppError(error);
      const field = e.field?.replace(/^body\./, "") ?? "";
      setProblem(field ? { field, message: e.message } : null);
      setSendError(`Not sent: ${describeError(e)} The form is kept; sending again reuses its fingerprint.`);
    } finally {
      flying.current = false;
    }
  });

  return (
    <FormProvider {...form}>
      <form className="advanced-composer" noValidate onSubmit={onSubmit}>
        <Field label="Session ID" help="The conversation to send the message in." error={at("sessionId")}>
          <input type="text" autoComplete="off" spellCheck={false} {...register("sessionId")} />
        </Field>
        <fieldset>
          <legend>Message</legend>
          <Field label="Message Type" help="Select the message type; the content form below follows it.">
            <select {...register("type")}>
              {MESSAGE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
          <ContentFields type={type} problem={problem} />
          <Field label="Message Sender" help="Who the message is from: operator (a reply) or user (as the visitor)." error={at("from")}>
            <select {...register("from")}>
              {SENDERS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Message Origin" help="chat or email, or type a urn:… origin." error={at("origin")}>
            <input type="text" list="message-origins" autoComplete="off" spellCheck={false} {...register("origin")} />
          </Field>
          <datalist id="message-origins">
            {ORIGINS.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
          <Field
            label="Mentioned User Identifier"
            help={`Operators to mention: pick a name or type user IDs, separated by commas.${
              operators.length ? ` Operators: ${operators.map(operatorName).join(", ")}.` : ""
            }`}
            error={at("mentions")}
          >
            <input type="text" list="mention-operators" autoComplete="off" spellCheck={false} {...register("mentions")} />
          </Field>
          <OperatorOptions id="mention-operators" operators={operators} />
          <Field
            label="Unique Message Fingerprint"
            help="The message's own identifier, used to avoid duplicates. One is chosen for you."
            error={at("fingerprint")}
          >
            <input type="text" inputMode="numeric" {...register("fingerprint")} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>Sender user</legend>
          <Field label="Type" help="The user type who is sending the message.">
            <select {...register("user.type")}>
              <UnsetOrOneOf values={USER_TYPES} />
            </select>
          </Field>
          <Field label="Nickname" help="Enter the user's nickname." error={at("user.nickname")}>
            <input type="text" {...register("user.nickname")} />
          </Field>
          <Field label="Avatar" help="Enter the user's profile image URL address." error={at("user.avatar")}>
            <input type="url" {...register("user.avatar")} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>Original</legend>
          <Field label="Type" help="The original message's type, before translation." error={at("original.type")}>
            <select {...register("original.type")}>
              <UnsetOrOneOf values={MESSAGE_TYPES} />
            </select>
          </Field>
          <Field label="Content" help="The original message's content, before translation." error={at("original.content")}>
            <textarea rows={2} {...register("original.content")} />
          </Field>
        </fieldset>
        <Field label="Translated" help="The content is a translation into the recipient's language.">
          <input type="checkbox" {...register("translated")} />
        </Field>
        {sendError ? (
          <p className="form-error" role="alert">
            {sendError}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? "Sending…" : "Send message"}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

/** The options of a select that may stay unset: "(not set)", then each value as written. */
function UnsetOrOneOf({ values }: { values: readonly string[] }) {
  return (
    <>
      <option value="">(not set)</option>
      {values.map((value) => (
        <option key={value} value={value}>
          {value}
        </option>
      ))}
    </>
  );
}
