import { useState } from "react";
import { useConnection } from "../../session/connection";
import { navigate } from "../../session/router";
import { PeopleScreen } from "./PeopleScreen";
import { AddPersonScreen, EditPersonScreen, PersonScreen } from "./PersonScreens";
import { useUnsavedChangesGuard } from "./UnsavedChangesGuard";
import "./people.css";

/**
 * The people section's screens by hash: `#/people` (list), `#/people/new`, `#/people/<people_id>`
 * (detail) and `#/people/<people_id>/edit`.
 */
export function PeopleRoute({ id }: { id: string | null }) {
  const connection = useConnection();
  const [dirty, setDirty] = useState(false);
  const guard = useUnsavedChangesGuard(dirty);
  const common = { connection: connection.id, websiteId: connection.website_id };

  let screen;
  if (!id) {
    screen = (
      <PeopleScreen
        {...common}
        onOpen={(peopleId) => navigate("people", peopleId)}
        onEdit={(peopleId) => navigate("people", `${peopleId}/edit`)}
        onAdd={() => navigate("people", "new")}
      />
    );
  } else if (id === "new") {
    screen = (
      <AddPersonScreen
        key="new"
        {...common}
        onDirtyChange={setDirty}
        onSaved={(peopleId) => {
          setDirty(false);
          navigate("people", peopleId);
        }}
        onCancel={() => guard.confirmLeave(() => navigate("people"))}
      />
    );
  } else if (id.endsWith("/edit")) {
    const peopleId = id.slice(0, -"/edit".length);
    screen = (
      <EditPersonScreen
        key={id}
        {...common}
        peopleId={peopleId}
        onDirtyChange={setDirty}
        onSaved={(savedId) => {
          setDirty(false);
          navigate("people", savedId);
        }}
        onCancel={() => guard.confirmLeave(() => navigate("people", peopleId))}
      />
    );
  } else {
    screen = (
      <PersonScreen
        key={id}
        {...common}
        peopleId={id}
        onGet={(typed) => navigate("people", typed)}
        onEdit={() => navigate("people", `${id}/edit`)}
        onRemoved={() => navigate("people")}
        conversationHref={(sessionId) => `#/conversations/${encodeURIComponent(sessionId)}`}
      />
    );
  }
  return (
    <>
      {screen}
      {guard.dialog}
    </>
  );
}
