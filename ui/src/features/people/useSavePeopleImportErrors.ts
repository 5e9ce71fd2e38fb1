import { useMutation } from "@tanstack/react-query";
import { call, commands, type RowFailure } from "../../ipc";

/** Saves the rows an import did not take to a file the user chooses; `false` when the user closed the dialog. */
export function useSavePeopleImportErrors() {
  return useMutation({ mutationFn: (failures: RowFailure[]) => call(commands.savePeopleImportErrors(failures)) });
}
