import { useMutation } from "@tanstack/react-query";
import { call, commands, type CallApi_Deserialize } from "../../ipc";

/** call_api's request as the console builds it (crisp_client::raw::CallApi). */
export type CallApiRequest = CallApi_Deserialize;

/** call_api's answer (crisp_client::raw::ApiResponse): any status, with the time the backend measured. */
export interface CallApiResponse {
  status: number;
  headers?: Record<string, string> | Array<[string, string]> | null;
  body?: unknown;
  elapsed_ms?: number | null;
}

/**
 * call_api: any authorized call on the connection. Not cached (a raw call may write) and never retried;
 * the backend adds the credentials, so nothing secret passes through here.
 */
export function useCallApi(connection: string) {
  return useMutation({
    mutationFn: async (request: CallApiRequest) =>
      (await call(commands.callApi(connection, request))) as CallApiResponse,
  });
}
