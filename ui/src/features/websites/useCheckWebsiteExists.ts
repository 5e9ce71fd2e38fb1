import { useMutation } from "@tanstack/react-query";
import { call, commands } from "../../ipc";

/** check_website_exists: asked on demand (a button), so a mutation rather than a cached query. */
export function useCheckWebsiteExists(connection: string) {
  return useMutation({
    mutationFn: (domain: string) => call(commands.checkWebsiteExists(connection, { domain })),
  });
}
