import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call, commands, queryKeys } from "../../ipc";

/** Query key of one profile. */
export const profileKey = (connection: string, peopleId: string) =>
  [...queryKeys.people.all(connection), "profile", peopleId] as const;

const listsKey = (connection: string) => [...queryKeys.people.all(connection), "list"] as const;

/** get_people_profile for the detail view and the edit form. */
export function useGetPeopleProfile(connection: string, websiteId: string, peopleId: string) {
  return useQuery({
    queryKey: profileKey(connection, peopleId),
    queryFn: () => call(commands.getPeopleProfile(connection, { website_id: websiteId, people_id: peopleId })),
    enabled: Boolean(websiteId && peopleId),
  });
}

/** add_people_profile; the lists refetch after it. */
export function useAddPeopleProfile(connection: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: { website_id: string; body: Record<string, unknown> }) =>
      call(commands.addPeopleProfile(connection, request as never)),
    onSuccess: () => client.invalidateQueries({ queryKey: listsKey(connection) }),
  });
}

/** update_people_profile (PATCH: only the fields sent change); the profile and lists refetch after it. */
export function useUpdatePeopleProfile(connection: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: { website_id: string; people_id: string; body: Record<string, unknown> }) =>
      call(commands.updatePeopleProfile(connection, request as never)),
    onSuccess: (_done, request) =>
      Promise.all([
        client.invalidateQueries({ queryKey: profileKey(connection, request.people_id) }),
        client.invalidateQueries({ queryKey: listsKey(connection) }),
      ]),
  });
}

/** remove_people_profile; the lists refetch after it. */
export function useRemovePeopleProfile(connection: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: { website_id: string; people_id: string }) =>
      call(commands.removePeopleProfile(connection, request)),
    onSuccess: (_done, request) => {
      client.removeQueries({ queryKey: profileKey(connection, request.people_id) });
      return client.invalidateQueries({ queryKey: listsKey(connection) });
    },
  });
}
