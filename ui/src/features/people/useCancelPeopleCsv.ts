import { useMutation } from "@tanstack/react-query";
import { call, commands } from "../../ipc";

/** Stops the export or import in progress after the requests in flight; the run then answers its report. */
export function useCancelPeopleCsv() {
  return useMutation({ mutationFn: () => call(commands.cancelPeopleCsv()) });
}
