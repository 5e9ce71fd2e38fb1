import { useMutation } from "@tanstack/react-query";
import { call, commands, type ConnectionId } from "../../ipc";

/**
 * Lets the user choose a CSV file; the backend checks every row and counts the requests the import needs.
 * Nothing is sent to Crisp. `null` when the user closed the file dialog.
 */
export function usePlanPeopleImport(connection: ConnectionId) {
  return useMutation({ mutationFn: () => call(commands.planPeopleImport(connection)) });
}
