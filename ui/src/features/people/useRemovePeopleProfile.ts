import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, commands } from "../../ipc";
import { peopleListsKey, profileKey } from "./useGetPeopleProfile";

/** remove_people_profile; the profile leaves the cache and the lists refetch. */
export function useRemovePeopleProfile(connection: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: { website_id: string; people_id: string }) =>
      call(commands.removePeopleProfile(connection, request)),
    onSuccess: (_done, request) => {
      client.removeQueries({ queryKey: profileKey(connection, request.people_id) });
      return client.invalidateQueries({ queryKey: peopleListsKey(connection) });
    },
  });
}
