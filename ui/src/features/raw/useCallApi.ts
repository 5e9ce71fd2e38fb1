import { useMutation } from "@tanstack/react-query";
import { call, commands, type ApiResponse, type CallApi_Deserialize } from "../../ipc";

/** call_api's request as the console builds it (crisp_client::raw::CallApi). */
export type CallApiRequest = CallApi_Deserialize;

/**
 * call_api: any authorized call on the connection. Not cached (a raw call may write) and never retried;
 * the backend adds the credentials, so nothing secret passes through here.
 */
export function useCallApi(connection: string) {
  return useMutation({
    mutationFn: (request: CallApiRequest): Promise<ApiResponse> => call(commands.callApi(connection, request)),
  });
}
