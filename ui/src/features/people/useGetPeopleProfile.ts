import { useQuery } from "@tanstack/react-query";
import { call, commands, offlineKey, queryKeys, readOrStored } from "../../ipc";

/** Query key of one profile. */
export const profileKey = (connection: string, peopleId: string) =>
  [...queryKeys.people.all(connection), "profile", peopleId] as const;

/** Query key prefix of every people list of a connection (mutations invalidate it). */
export const peopleListsKey = (connection: string) => [...queryKeys.people.all(connection), "list"] as const;

/** get_people_profile, for the detail view and the edit form; the stored copy when Crisp cannot be reached. */
export function useGetPeopleProfile(connection: string, websiteId: string, peopleId: string) {
  return useQuery({
    queryKey: profileKey(connection, peopleId),
    queryFn: () =>
      readOrStored(
        offlineKey("people_profile", connection, peopleId),
        () => call(commands.getPeopleProfile(connection, { website_id: websiteId, people_id: peopleId })),
        async () => {
          const stored = await call(commands.getStoredPeopleProfile(connection, { people_id: peopleId }));
          return stored && { value: stored.profile, storedAt: stored.stored_at ?? null };
        },
      ),
    enabled: Boolean(websiteId && peopleId),
  });
}
