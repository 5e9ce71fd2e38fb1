import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, commands, queryKeys } from "../../ipc";

/** create_website (user tier only). */
export function useCreateWebsite(connection: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; domain: string }) => call(commands.createWebsite(connection, { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.websites.all(connection) }),
  });
}
