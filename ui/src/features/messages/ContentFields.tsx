import { useFieldArray, useFormContext, type FieldPath } from "react-hook-form";
import { Field } from "../../components/Field";
import type { ContentValues } from "./content";

/** Forms that hold a message content keep it under `content`. */
export interface WithContent {
  content: ContentValues;
}

interface Props {
  type: string;
  /** The content problem to show, keyed like `file.url` (from the checks or the backend). */
  problem?: { field: string; message: string } | null;
  /** Help for the text box of text and note messages. */
  textHelp?: string;
}

/** The content form of one message type: what Crisp's `content` holds for it (contract §3.8). */
export function ContentFields({ type, problem, textHelp }: Props) {
  const { register } = useFormContext<WithContent>();
  const err = (field: string) => (problem && (problem.field === field || problem.field === `content.${field}`) ? problem.message : null);
  const r = (path: string) => register(`content.${path}` as FieldPath<WithContent>);
  switch (type) {
    case "text":
    case "note":
      return (
        <Field label="Content" help={textHelp ?? "Enter the message text."} error={err("text")}>
          <textarea rows={4} {...r("text")} />
        </Field>
      );
    case "file":
      return (
        <fieldset>
          <legend>File content</legend>
          <Field label="Name" help="The file name people see, like receipt.pdf." error={err("file.name")}>
            <input type="text" {...r("file.name")} />
          </Field>
          <Field label="URL" help="Where the file already is, at a public http(s) address." error={err("file.url")}>
            <input type="url" {...r("file.url")} />
          </Field>
          <Field label="Type" help="The file's MIME type, like application/pdf." error={err("file.type")}>
            <input type="text" {...r("file.type")} />
          </Field>
        </fieldset>
      );
    case "animation":
      return (
        <fieldset>
          <legend>Animation content</legend>
          <Field label="URL" help="The animation's public http(s) address." error={err("animation.url")}>
            <input type="url" {...r("animation.url")} />
          </Field>
          <Field label="Type" help="Its MIME type, like image/gif." error={err("animation.type")}>
            <input type="text" {...r("animation.type")} />
          </Field>
        </fieldset>
      );
    case "audio":
      return (
        <fieldset>
          <legend>Audio content</legend>
          <Field label="URL" help="The recording's public http(s) address." error={err("audio.url")}>
            <input type="url" {...r("audio.url")} />
          </Field>
          <Field label="Type" help="Its MIME type, like audio/mpeg." error={err("audio.type")}>
            <input type="text" {...r("audio.type")} />
          </Field>
          <Field label="Duration" help="Length in seconds." error={err("audio.duration")}>
            <input type="number" min={0} step={1} {...r("audio.duration")} />
          </Field>
        </fieldset>
      );
    case "picker":
      return <PickerFields problem={err("picker.id") ?? err("picker.text") ?? err("picker.choices")} />;
    case "field":
      return (
        <fieldset>
          <legend>Field content</legend>
          <Field label="ID" help="Your identifier for this field." error={err("field.id")}>
            <input type="text" {...r("field.id")} />
          </Field>
          <Field label="Text" help="The question shown to the visitor." error={err("field.text")}>
            <input type="text" {...r("field.text")} />
          </Field>
          <Field label="Explain" help="A hint shown in the empty field.">
            <input type="text" {...r("field.explain")} />
          </Field>
          <Field label="Value" help="The answer, if already known.">
            <input type="text" {...r("field.value")} />
          </Field>
          <Field label="Required" help="The visitor must answer.">
            <input type="checkbox" {...r("field.required")} />
          </Field>
        </fieldset>
      );
    case "carousel":
      return <CarouselFields problem={err("carousel.targets")} />;
    case "event":
      return (
        <fieldset>
          <legend>Event content</legend>
          <Field label="Namespace" help="What happened, like order:paid." error={err("event.namespace")}>
            <input type="text" {...r("event.namespace")} />
          </Field>
          <Field label="Text" help="The line shown in the conversation (optional).">
            <input type="text" {...r("event.text")} />
          </Field>
        </fieldset>
      );
    default:
      return null;
  }
}

function PickerFields({ problem }: { problem: string | null }) {
  const { register, control } = useFormContext<WithContent>();
  const choices = useFieldArray({ control, name: "content.picker.choices" });
  return (
    <fieldset>
      <legend>Picker content</legend>
      <Field label="ID" help="Your identifier for this picker." error={problem}>
        <input type="text" {...register("content.picker.id")} />
      </Field>
      <Field label="Text" help="The question shown above the choices.">
        <input type="text" {...register("content.picker.text")} />
      </Field>
      <Field label="Required" help="The visitor must choose.">
        <input type="checkbox" {...register("content.picker.required")} />
      </Field>
      {choices.fields.map((choice, i) => (
        <fieldset key={choice.id} className="repeat">
          <legend>Choice {i + 1}</legend>
          <Field label="Value" help="What is recorded when chosen.">
            <input type="text" {...register(`content.picker.choices.${i}.value`)} />
          </Field>
          <Field label="Label" help="What the visitor reads.">
            <input type="text" {...register(`content.picker.choices.${i}.label`)} />
          </Field>
          <Field label="Selected" help="Already chosen.">
            <input type="checkbox" {...register(`content.picker.choices.${i}.selected`)} />
          </Field>
          <button type="button" onClick={() => choices.remove(i)}>
            Remove choice {i + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => choices.append({ value: "", label: "", selected: false })}>
        Add choice
      </button>
    </fieldset>
  );
}

function CarouselFields({ problem }: { problem: string | null }) {
  const { register, control } = useFormContext<WithContent>();
  const targets = useFieldArray({ control, name: "content.carousel.targets" });
  return (
    <fieldset>
      <legend>Carousel content</legend>
      <Field label="Text" help="The line above the cards." error={problem}>
        <input type="text" {...register("content.carousel.text")} />
      </Field>
      {targets.fields.map((target, i) => (
        <fieldset key={target.id} className="repeat">
          <legend>Card {i + 1}</legend>
          <Field label="Title" help="The card's title.">
            <input type="text" {...register(`content.carousel.targets.${i}.title`)} />
          </Field>
          <Field label="Description" help="A line under the title.">
            <input type="text" {...register(`content.carousel.targets.${i}.description`)} />
          </Field>
          <Field label="Image" help="A public http(s) image address (optional).">
            <input type="url" {...register(`content.carousel.targets.${i}.image`)} />
          </Field>
          <Field label="Button label" help="The card's button text.">
            <input type="text" {...register(`content.carousel.targets.${i}.actions.0.label`)} />
          </Field>
          <Field label="Button URL" help="Where the button leads (http(s)).">
            <input type="url" {...register(`content.carousel.targets.${i}.actions.0.url`)} />
          </Field>
          <button type="button" onClick={() => targets.remove(i)}>
            Remove card {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() => targets.append({ title: "", description: "", image: "", actions: [{ label: "", url: "" }] })}
      >
        Add card
      </button>
    </fieldset>
  );
}
