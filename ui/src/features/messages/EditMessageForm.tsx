import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { Field } from "../../components/Field";
import { asAppError, describeError, type Message, type MessageContent } from "../../ipc";
import { ContentFields, type WithContent } from "./ContentFields";
import { contentProblem, contentToValues, valuesToContent } from "./content";

/** The first problem with the typed Session ID and Message Fingerprint, at its field. */
function pathProblem(values: { sessionId: string; fingerprint: string }): { field: string; message: string } | null {
  if (!values.sessionId.trim()) return { field: "sessionId", message: "Enter the Session ID of the conversation." };
  const fingerprint = values.fingerprint.trim();
  if (!/^-?\d+$/.test(fingerprint) || !Number.isSafeInteger(Number(fingerprint))) {
    return { field: "fingerprint", message: "Message Fingerprint is a whole number." };
  }
  return null;
}

export interface EditMessageFormProps {
  message: Message;
  /** The conversation the message was opened from; the form's Session ID starts with it. */
  sessionId: string;
  update: (target: { sessionId: string; fingerprint: number }, content: MessageContent) => Promise<unknown>;
  onDone: () => void;
}

type EditValues = WithContent & { sessionId: string; fingerprint: string };

/**
 * Update a Message: the message's path IDs (Session ID, Message Fingerprint) as typed fields, prefilled from the
 * row it was opened from, and the content form of the message's own type, prefilled with what it holds now.
 */
export function EditMessageForm({ message, sessionId, update, onDone }: EditMessageFormProps) {
  const type = message.type ?? "text";
  const form = useForm<EditValues>({
    defaultValues: {
      sessionId: message.session_id ?? sessionId,
      fingerprint: String(message.fingerprint ?? ""),
      content: contentToValues(type, message.content),
    },
  });
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async (values) => {
    const target = pathProblem(values);
    const found = target ?? contentProblem(type, values.content);
    setProblem(found);
    setFailure(null);
    if (found) return;
    try {
      await update({ sessionId: values.sessionId.trim(), fingerprint: Number(values.fingerprint.trim()) }, valuesToContent(type, values.content));
      onDone();
    } catch (error) {
      const e = asAppError(error);
      if (e.field) setProblem({ field: e.field.replace(/^body\./, ""), message: e.message });
      setFailure(`Not saved: ${describeError(e)} Your changes are kept.`);
    }
  });

  return (
    <FormProvider {...form}>
      <form className="edit-message" noValidate onSubmit={onSubmit}>
        <Field label="Session ID" help="The conversation the message is in." error={problem?.field === "sessionId" ? problem.message : null}>
          <input type="text" autoComplete="off" spellCheck={false} {...form.register("sessionId")} />
        </Field>
        <Field label="Message Fingerprint" help="The message being edited." error={problem?.field === "fingerprint" ? problem.message : null}>
          <input type="text" inputMode="numeric" {...form.register("fingerprint")} />
        </Field>
        <Field label="Message Type" help="A message keeps its type; its content form follows it.">
          <input type="text" readOnly value={type} />
        </Field>
        <ContentFields type={type} problem={problem} textHelp="The new message text." />
        {failure ? (
          <p className="form-error" role="alert">
            {failure}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "Saving…" : "Save message"}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
