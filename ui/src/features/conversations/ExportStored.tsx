import "../../components/localStore.css";
import { useId, useState } from "react";
import { describeError, type ConnectionId, type ExportFormat, type ExportedFile } from "../../ipc";
import { useExportStored, type ExportTarget } from "./useExportStored";

/** The formats offered, in order. */
export const EXPORT_FORMATS: { value: ExportFormat; label: string }[] = [
  { value: "transcript", label: "Transcript (text)" },
  { value: "csv", label: "CSV" },
  { value: "json", label: "JSON" },
];

/** What the export's status line says once a file was written. */
export function exportedText(file: ExportedFile): string {
  const what =
    file.conversations === 1 ? "1 conversation" : `${file.conversations} conversations`;
  const messages = file.messages ? `, ${file.messages} message${file.messages === 1 ? "" : "s"}` : "";
  return `Saved ${file.file_name} (${what}${messages}).`;
}

/**
 * Export from the local store (a thread, or the list as it is filtered): a format and a button that opens the
 * save dialog; works offline, as it reads only what is stored.
 */
export function ExportStored({ connection, target, label }: { connection: ConnectionId; target: ExportTarget; label: string }) {
  const [format, setFormat] = useState<ExportFormat>("transcript");
  const exporter = useExportStored(connection);
  const id = useId();
  return (
    <div className="export-stored" role="group" aria-label={label}>
      <label htmlFor={`${id}-format`}>Format</label>
      <select id={`${id}-format`} value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)}>
        {EXPORT_FORMATS.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </select>
      <button type="button" disabled={exporter.isPending} onClick={() => exporter.mutate({ target, format })}>
        {exporter.isPending ? "Exporting…" : label}
      </button>
      <span className="muted" role="status">
        {exporter.isError
          ? describeError(exporter.error)
          : exporter.data
            ? exportedText(exporter.data)
            : exporter.isSuccess
              ? "Export cancelled."
              : ""}
      </span>
    </div>
  );
}
