import { useState, type FormEvent } from "react";
import { Field } from "../../components/Field";
import { ErrorNotice, Loading } from "../../components/Status";
import { useCheckWebsiteExists } from "./useCheckWebsiteExists";
import { useCreateWebsite } from "./useCreateWebsite";
import { useDeleteWebsite, type WebsiteVerification } from "./useDeleteWebsite";
import { useGetWebsite } from "./useGetWebsite";

interface Website {
  website_id?: string | null;
  name?: string | null;
  domain?: string | null;
  logo?: string | null;
  verified?: boolean | null;
  institutional?: boolean | null;
}

interface Props {
  connection: string;
  websiteId: string;
  tier: string;
}

/** Reads `{ message, field, kind }` from whatever a command threw. */
function failure(error: unknown): { message: string; field?: string; kind?: string } {
  const e = (error ?? {}) as { message?: unknown; field?: unknown; kind?: unknown };
  return {
    message: typeof e.message === "string" ? e.message : String(error),
    field: typeof e.field === "string" ? e.field : undefined,
    kind: typeof e.kind === "string" ? e.kind : undefined,
  };
}

/** A domain as Crisp wants it: bare, without scheme, path or spaces. */
export function domainProblem(domain: string): string | undefined {
  const text = domain.trim();
  if (!text) return "Required.";
  if (/^[a-z]+:\/\//i.test(text)) return "Type the domain without https://, for example acme.com.";
  if (!/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(text)) return "Enter a domain like acme.com.";
  return undefined;
}

const METHODS = [
  { value: "password", label: "Password", secretLabel: "Password", autoComplete: "current-password" },
  { value: "token", label: "Two-factor token", secretLabel: "Two-factor token", autoComplete: "one-time-code" },
  { value: "google", label: "Google", secretLabel: "Google verification code", autoComplete: "one-time-code" },
] as const;

/** Websites: the selected website, check a domain, create a website, delete a website (user tier only). */
export function WebsitesScreen({ connection, websiteId, tier }: Props) {
  const website = useGetWebsite(connection, websiteId);
  const selected = website.data as Website | undefined;
  return (
    <section className="websites-screen" aria-labelledby="websites-title">
      <header className="screen-header">
        <h1 id="websites-title">Websites</h1>
      </header>

      <section className="ws-card" aria-labelledby="ws-selected-title">
        <h2 id="ws-selected-title">Selected website</h2>
        {website.error ? (
          <ErrorNotice message={website.error.message} onRetry={() => void website.refetch()} />
        ) : !selected ? (
          <Loading>Loading the website…</Loading>
        ) : (
          <dl className="ws-details">
            <div>
              <dt>Name</dt>
              <dd data-testid="website-name">{selected.name || "—"}</dd>
            </div>
            <div>
              <dt>Domain</dt>
              <dd>{selected.domain || "—"}</dd>
            </div>
            <div>
              <dt>Website ID</dt>
              <dd className="ws-mono">{selected.website_id || websiteId}</dd>
            </div>
            <div>
              <dt>Verified</dt>
              <dd>{selected.verified ? "Yes" : "No"}</dd>
            </div>
            {selected.logo ? (
              <div>
                <dt>Logo</dt>
                <dd className="ws-mono">{selected.logo}</dd>
              </div>
            ) : null}
          </dl>
        )}
      </section>

      <p className="ws-tier-note" role="note">
        Only <strong>user</strong>-tier tokens may create or delete websites; plugin and website tokens are refused by
        Crisp.{" "}
        {tier === "user" ? "This connection uses a user token." : `This connection uses a ${tier} token, so Crisp will refuse these two actions.`}
      </p>

      <div className="ws-forms">
        <CheckDomain connection={connection} />
        <CreateWebsite connection={connection} />
        <DeleteWebsite connection={connection} websiteId={websiteId} website={selected} />
      </div>
    </section>
  );
}

function CheckDomain({ connection }: { connection: string }) {
  const [domain, setDomain] = useState("");
  const [error, setError] = useState<string>();
  const check = useCheckWebsiteExists(connection);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = domainProblem(domain);
    setError(problem);
    if (!problem) check.mutate(domain.trim());
  };
  const exists = check.data as unknown;
  const found = typeof exists === "boolean" ? exists : Boolean((exists as { exists?: boolean } | undefined)?.exists);
  return (
    <form className="ws-form" aria-labelledby="ws-check-title" noValidate onSubmit={submit}>
      <fieldset className="ws-group">
        <legend id="ws-check-title">Check a domain</legend>
        <Field label="Domain" help="Bare domain, e.g. acme.com" error={error ?? (check.error ? failure(check.error).message : undefined)}>
          <input
            required
            value={domain}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              setDomain(event.target.value);
              check.reset();
            }}
          />
        </Field>
        <button type="submit" className="primary" disabled={check.isPending}>
          {check.isPending ? "Checking…" : "Check domain"}
        </button>
        <p role="status" className="ws-result">
          {check.isSuccess
            ? found
              ? `A Crisp website uses ${check.variables}.`
              : `No Crisp website uses ${check.variables}.`
            : ""}
        </p>
      </fieldset>
    </form>
  );
}

function CreateWebsite({ connection }: { connection: string }) {
  const [name, setName] = useState("");
  const [domain, setDomain] = useState("");
  const [errors, setErrors] = useState<{ name?: string; domain?: string; form?: string }>({});
  const create = useCreateWebsite(connection);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = { name: name.trim() ? undefined : "Required.", domain: domainProblem(domain) };
    setErrors(next);
    if (next.name || next.domain) return;
    create.mutate(
      { name: name.trim(), domain: domain.trim() },
      {
        onError: (error) => {
          const f = failure(error);
          const at = f.field?.replace(/^body\./, "");
          setErrors(at === "name" ? { name: f.message } : at === "domain" ? { domain: f.message } : { form: f.message });
        },
      },
    );
  };
  const created = create.data as Website | undefined;
  return (
    <form className="ws-form" aria-labelledby="ws-create-title" noValidate onSubmit={submit}>
      <fieldset className="ws-group">
        <legend id="ws-create-title">Create a website</legend>
        <Field label="Website" help="The website's name (required)" error={errors.name}>
          <input required autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
        </Field>
        <Field label="Domain" help="For example acme.com (required)" error={errors.domain}>
          <input
            required
            autoComplete="off"
            spellCheck={false}
            value={domain}
            onChange={(event) => setDomain(event.target.value)}
          />
        </Field>
        {errors.form ? (
          <ErrorNotice message={errors.form} />
        ) : null}
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create website"}
        </button>
        {created ? (
          <p role="status" className="ws-result">
            Created {created.name} ({created.domain}), website ID <span className="ws-mono">{created.website_id}</span>.
          </p>
        ) : null}
      </fieldset>
    </form>
  );
}

function DeleteWebsite({ connection, websiteId, website }: { connection: string; websiteId: string; website?: Website }) {
  const [method, setMethod] = useState<WebsiteVerification["method"]>("password");
  const [secret, setSecret] = useState("");
  const [confirmName, setConfirmName] = useState("");
  const [errors, setErrors] = useState<{ secret?: string; confirm?: string; form?: string }>({});
  const remove = useDeleteWebsite(connection, websiteId);
  const name = website?.name ?? "";
  const chosen = METHODS.find((m) => m.value === method) ?? METHODS[0];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = {
      secret: secret ? undefined : "Required: it is asked each time and never stored.",
      confirm: confirmName === name && name ? undefined : `Type the website's name, ${name || "(not loaded)"}, exactly.`,
    };
    setErrors(next);
    if (next.secret || next.confirm) return;
    const typed = secret;
    // The secret is used for this one attempt only; it is not kept in state or in any cache.
    setSecret("");
    remove.mutate(
      { method, secret: typed },
      {
        onError: (error) => {
          const f = failure(error);
          if (f.kind === "wrong_tier") {
            setErrors({ form: `${f.message} Only user-tier tokens may delete websites.` });
          } else if (f.field?.includes("secret") || f.field?.includes("verify") || f.kind === "bad_credentials" || f.kind === "invalid_input") {
            setErrors({ secret: f.message });
          } else {
            setErrors({ form: f.message });
          }
        },
      },
    );
  };

  return (
    <form className="ws-form ws-danger" aria-labelledby="ws-delete-title" noValidate onSubmit={submit}>
      <fieldset className="ws-group">
        <legend id="ws-delete-title">Delete a website</legend>
        <p className="field-help">
          Deletes {name ? <strong>{name}</strong> : "the selected website"}. Crisp schedules the deletion and asks the account's
          second factor.
        </p>
        <Field label="Verification method" help="The second factor your Crisp account uses">
          <select
            value={method}
            onChange={(event) => {
              setMethod(event.target.value as typeof method);
              setSecret("");
            }}
          >
            {METHODS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label={chosen.secretLabel} help="Asked each time, never stored (required)" error={errors.secret}>
          <input
            required
            type="password"
            autoComplete={chosen.autoComplete}
            value={secret}
            onChange={(event) => setSecret(event.target.value)}
          />
        </Field>
        <Field label="Type the website's name to confirm" help={name ? `Type ${name}` : undefined} error={errors.confirm}>
          <input required value={confirmName} autoComplete="off" onChange={(event) => setConfirmName(event.target.value)} />
        </Field>
        {errors.form ? (
          <ErrorNotice message={errors.form} />
        ) : null}
        <button type="submit" className="danger" disabled={remove.isPending}>
          {remove.isPending ? "Deleting…" : "Delete website"}
        </button>
        {remove.isSuccess ? (
          <p role="status" className="ws-result">
            Crisp scheduled the deletion of {name}.
          </p>
        ) : null}
      </fieldset>
    </form>
  );
}
