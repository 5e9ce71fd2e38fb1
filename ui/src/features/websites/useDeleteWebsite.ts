import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, commands } from "../../ipc";
import { websiteKey } from "./useGetWebsite";

/** The second factor of a deletion, typed each time; it lives only in this call's arguments. */
export interface WebsiteVerification {
  method: "password" | "token" | "google";
  secret: string;
}

/** delete_website (user tier only): Crisp schedules the deletion after checking the verification. */
export function useDeleteWebsite(connection: string, websiteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (verify: WebsiteVerification) =>
      call(commands.deleteWebsite(connection, { website_id: websiteId, body: { verify } })),
    onSuccess: () => client.invalidateQueries({ queryKey: websiteKey(connection, websiteId) }),
  });
}
