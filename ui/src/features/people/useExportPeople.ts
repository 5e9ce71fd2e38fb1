import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { call, commands, openChannel, type ConnectionId, type ListPeopleProfiles_Deserialize, type Progress } from "../../ipc";

/**
 * Exports the profiles a list request finds (every page, up to its `limit`) to a CSV file the user chooses.
 * `progress` follows the rows written; the answer is `null` when the user closed the file dialog.
 */
export function useExportPeople(connection: ConnectionId) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const mutation = useMutation({
    mutationFn: (request: ListPeopleProfiles_Deserialize) => {
      setProgress(null);
      return call(commands.exportPeople(connection, request, openChannel<Progress>(setProgress)));
    },
  });
  return { ...mutation, progress };
}
