import { useState } from "react";

/**
 * Pretty JSON whose objects and arrays fold and unfold (native `<details>`, so it works with the keyboard
 * and screen readers). Values are rendered as text only.
 */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  const [allOpen, setAllOpen] = useState(true);
  const [generation, setGeneration] = useState(0);
  return (
    <div className="json-view">
      <div className="json-tools">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setAllOpen(true);
            setGeneration((g) => g + 1);
          }}
        >
          Expand all
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setAllOpen(false);
            setGeneration((g) => g + 1);
          }}
        >
          Collapse all
        </button>
      </div>
      <div className="json-tree" role="group" aria-label={label} key={generation}>
        <Node value={value} name={null} open={allOpen} depth={0} last />
      </div>
    </div>
  );
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === "string") return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="json-number">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="json-bool">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function Node({ value, name, open, depth, last }: { value: unknown; name: string | null; open: boolean; depth: number; last: boolean }) {
  const key = name === null ? null : <span className="json-key">{JSON.stringify(name)}: </span>;
  const comma = last ? "" : ",";
  if (value === null || typeof value !== "object") {
    return (
      <div className="json-line">
        {key}
        <Scalar value={value} />
        {comma}
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: Array<[string, unknown]> = isArray
    ? (value as unknown[]).map((item, index) => [String(index), item])
    : Object.entries(value as Record<string, unknown>);
  const [openBrace, closeBrace] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div className="json-line">
        {key}
        {openBrace}
        {closeBrace}
        {comma}
      </div>
    );
  }
  return (
    <details open={open || depth === 0} className="json-node">
      <summary>
        {key}
        {openBrace}
        <span className="json-count">
          {" "}
          {entries.length} {isArray ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"}
        </span>
      </summary>
      <div className="json-children">
        {entries.map(([childName, child], index) => (
          <Node
            key={childName}
            value={child}
            name={isArray ? null : childName}
            open={open}
            depth={depth + 1}
            last={index === entries.length - 1}
          />
        ))}
      </div>
      <div className="json-line">
        {closeBrace}
        {comma}
      </div>
    </details>
  );
}
