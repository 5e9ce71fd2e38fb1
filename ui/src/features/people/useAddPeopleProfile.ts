import { useMutation, useQueryClient } from "@tanstack/react-query";
import { call, commands, type AddPeopleProfile_Deserialize } from "../../ipc";
import { peopleListsKey } from "./useGetPeopleProfile";

/** add_people_profile; the lists refetch after it. The form keeps its input when it fails. */
export function useAddPeopleProfile(connection: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: AddPeopleProfile_Deserialize) => call(commands.addPeopleProfile(connection, request)),
    onSuccess: () => client.invalidateQueries({ queryKey: peopleListsKey(connection) }),
  });
}
