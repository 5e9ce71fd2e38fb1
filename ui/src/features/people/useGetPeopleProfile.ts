import { useQuery } from "@tanstack/react-query";
import { call, commands, queryKeys } from "../../ipc";

/** Query key of one profile. */
export const profileKey = (connection: string, peopleId: string) =>
  [...queryKeys.people.all(connection), "profile", peopleId] as const;

/** Query key prefix of every people list of a connection (mutations invalidate it). */
export const peopleListsKey = (connection: string) => [...queryKeys.people.all(connection), "list"] as const;

/** get_people_profile, for the detail view and the edit form. */
export function useGetPeopleProfile(connection: string, websiteId: string, peopleId: string) {
  return useQuery({
    queryKey: profileKey(connection, peopleId),
    queryFn: () => call(commands.getPeopleProfile(connection, { website_id: websiteId, people_id: peopleId })),
    enabled: Boolean(websiteId && peopleId),
  });
}
