import { useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys } from "../../ipc";

/** Query key of one website. */
export const websiteKey = (connection: string, websiteId: string) =>
  [...queryKeys.websites.all(connection), "get", websiteId] as const;

/** get_website: the website the connection is bound to. */
export function useGetWebsite(connection: string, websiteId: string) {
  return useQuery({
    queryKey: websiteKey(connection, websiteId),
    queryFn: () => call(commands.getWebsite(connection, { website_id: websiteId })),
    enabled: Boolean(websiteId),
  });
}
