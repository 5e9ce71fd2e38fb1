import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, commands } from "../../ipc";
import { peopleListsKey } from "./useGetPeopleProfile";

/** add_people_profile; the lists refetch after it. The form keeps its input when it fails. */
export function useAddPeopleProfile(connection: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: { website_id: string; body: Record<string, unknown> }) =>
      call(commands.addPeopleProfile(connection, request as never)),
    onSuccess: () => client.invalidateQueries({ queryKey: peopleListsKey(connection) }),
  });
}
