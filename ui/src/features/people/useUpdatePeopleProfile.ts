import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, commands, type UpdatePeopleProfile_Deserialize } from "../../ipc";
import { peopleListsKey, profileKey } from "./useGetPeopleProfile";

/** update_people_profile (PATCH: only the fields sent change); the profile and the lists refetch after it. */
export function useUpdatePeopleProfile(connection: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdatePeopleProfile_Deserialize) => call(commands.updatePeopleProfile(connection, request)),
    onSuccess: (_done, request) =>
      Promise.all([
        client.invalidateQueries({ queryKey: profileKey(connection, request.people_id) }),
        client.invalidateQueries({ queryKey: peopleListsKey(connection) }),
      ]),
  });
}
