import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { Field } from "../../components/Field";
import { asAppError, describeError, type Message, type MessageContent } from "../../ipc";
import { ContentFields, type WithContent } from "./ContentFields";
import { contentProblem, contentToValues, valuesToContent } from "./content";

export interface EditMessageFormProps {
  message: Message;
  update: (fingerprint: number, content: MessageContent) => Promise<unknown>;
  onDone: () => void;
}

/** Update a Message: the content form of the message's own type, prefilled with what it holds now. */
export function EditMessageForm({ message, update, onDone }: EditMessageFormProps) {
  const type = message.type ?? "text";
  const form = useForm<WithContent>({ defaultValues: { content: contentToValues(type, message.content) } });
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async (values) => {
    const found = contentProblem(type, values.content);
    setProblem(found);
    setFailure(null);
    if (found || message.fingerprint == null) return;
    try {
      await update(message.fingerprint, valuesToContent(type, values.content));
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
        <Field label="Message Fingerprint" help="The message being edited.">
          <input type="text" readOnly value={String(message.fingerprint ?? "")} />
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
