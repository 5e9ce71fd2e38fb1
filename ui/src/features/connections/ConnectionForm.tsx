import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Field } from "../../components/Field";
import { asAppError, type ConnectionSummary, type ConnectionTest } from "../../ipc";
import { apiHostOf, connectionSchema, formFieldOf, formValues, TIER_HELP, toRequest, type ConnectionFormValues } from "./connectionForm";
import { useSaveConnection, useTestConnection } from "./useConnections";

/** Which token gives which tier, in one line. */
const TIER_LINE = `${TIER_HELP.user} ${TIER_HELP.plugin} ${TIER_HELP.website}`;

/** Where the values come from, in the order the user needs them. */
export function TokenSteps() {
  return (
    <section className="steps" aria-labelledby="token-steps">
      <h2 id="token-steps">Where to find these</h2>
      <ol>
        <li>
          Get a token. A <strong>user</strong> token comes from the token generator on the Crisp site (log in, then
          Generate My API Token); a <strong>plugin</strong> token from your Marketplace plugin's Tokens page; a{" "}
          <strong>website</strong> token from Workspace Settings → Advanced configuration → API Token.
        </li>
        <li>Copy its Identifier and Key into the fields of the same name.</li>
        <li>
          Find the Website ID: Crisp app → Settings → Workspace Settings → Setup instructions (the UUID in the
          snippet).
        </li>
        <li>Test the connection, then save it. The key goes to the system keychain, never to a file.</li>
      </ol>
    </section>
  );
}

export interface ConnectionFormProps {
  /** The connection being edited; absent for a new one. */
  connection?: ConnectionSummary | null;
  onSaved?: (saved: ConnectionSummary) => void;
  onCancel?: () => void;
}

/** Add or edit a connection: Test checks the token without saving; Save checks and stores it. */
export function ConnectionForm({ connection, onSaved, onCancel }: ConnectionFormProps) {
  const [saved, setSaved] = useState<ConnectionSummary | null>(null);
  // After a first save the form edits what it saved: the id is reused and the key becomes optional.
  const current = saved ?? connection ?? null;
  const hasKey = Boolean(current?.has_key);
  // The stored key belongs to the host it was saved with: another host needs the key typed again.
  const storedFor = hasKey && current ? current.api_base : null;
  const storedForRef = useRef(storedFor);
  storedForRef.current = storedFor;
  const form = useForm<ConnectionFormValues>({
    defaultValues: formValues(connection),
    resolver: (values, context, options) => zodResolver(connectionSchema(storedForRef.current))(values, context, options),
    mode: "onSubmit",
  });
  const { register, handleSubmit, setError, formState } = form;
  const test = useTestConnection();
  const save = useSaveConnection();
  const [problem, setProblem] = useState<string | null>(null);
  const [tested, setTested] = useState<ConnectionTest | null>(null);

  function showError(error: unknown) {
    const e = asAppError(error);
    const field = formFieldOf(e.field);
    if (field) {
      setError(field, { type: "server", message: e.message }, { shouldFocus: true });
      setProblem(null);
    } else {
      setProblem(e.message);
    }
  }

  const onTest = handleSubmit(async (values) => {
    setProblem(null);
    setTested(null);
    setSaved(null);
    try {
      setTested(await test.mutateAsync(toRequest(values, current?.id)));
    } catch (error) {
      showError(error);
    }
  });

  const onSave = handleSubmit(async (values) => {
    setProblem(null);
    setTested(null);
    try {
      const result = await save.mutateAsync(toRequest(values, current?.id));
      setSaved(result);
      form.reset({ ...values, key: "" });
      onSaved?.(result);
    } catch (error) {
      showError(error);
    }
  });

  const busy = test.isPending || save.isPending;
  const errors = formState.errors;
  const keyStored = hasKey;
  const newHost = storedFor != null && apiHostOf(form.watch("api_base")) !== apiHostOf(storedFor);
  return (
    <form className="connection-form" noValidate onSubmit={onSave} aria-busy={busy}>
      <Field label="Name" help="How this connection appears in the switcher." error={errors.name?.message}>
        <input type="text" autoComplete="off" {...register("name")} />
      </Field>
      <Field label="Identifier" help="The token's Identifier (a UUID-like string)." error={errors.identifier?.message}>
        <input type="text" autoComplete="off" spellCheck={false} {...register("identifier")} />
      </Field>
      <Field
        label="Key"
        help={
          newHost
            ? `The API host changed: type the key again. The stored key only goes to ${storedFor}.`
            : keyStored
              ? "A key is stored. Leave this empty to keep it, or type a new key to replace it."
              : "The token's Key (a long hex string)."
        }
        error={errors.key?.message}
      >
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={keyStored && !newHost ? "Key stored" : undefined}
          {...register("key")}
        />
      </Field>
      <Field
        label="Website ID"
        help="Settings → Workspace Settings → Setup instructions: the UUID in the snippet."
        error={errors.website_id?.message}
      >
        <input type="text" autoComplete="off" spellCheck={false} {...register("website_id")} />
      </Field>
      <Field label="Tier" help={TIER_LINE} error={errors.tier?.message}>
        <select {...register("tier")}>
          <option value="user">user</option>
          <option value="plugin">plugin</option>
          <option value="website">website</option>
        </select>
      </Field>
      <details className="advanced" open={Boolean(errors.api_base)}>
        <summary>Advanced</summary>
        <Field
          label="API host"
          help="Where Crisp's API answers. Change it only for a local Crisp (sandbox)."
          error={errors.api_base?.message}
        >
          <input type="url" autoComplete="off" spellCheck={false} {...register("api_base")} />
        </Field>
      </details>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {tested ? (
        <p className="form-success" role="status">
          Connection works: {tested.website.name ?? "website"} ({tested.website.domain ?? tested.website.website_id ?? ""}),
          tier {tested.tier}.
        </p>
      ) : null}
      {saved ? (
        <p className="form-success" role="status">
          Saved “{saved.name}”. The key is stored in the system keychain.
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" onClick={onTest} disabled={busy}>
          {test.isPending ? "Testing…" : "Test connection"}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {save.isPending ? "Saving…" : "Save connection"}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
