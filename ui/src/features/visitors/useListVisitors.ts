import { useQuery } from "@tanstack/react-query";
import { call, commands, openChannel, queryKeys, type Page, type Visitor_Deserialize } from "../../ipc";
import { REFRESH_MS } from "./useCountVisitors";

/**
 * Up to `limit` visitors through stream_visitors: the client pages (from page 1) until it has `limit` or the list
 * ends, and trims the last page, as the CLI's `limit` does. Resolves once every page the command sent has
 * arrived (channel messages may trail the command's answer).
 */
async function streamVisitors(connection: string, websiteId: string, limit: number): Promise<Visitor_Deserialize[]> {
  const pages: Visitor_Deserialize[][] = [];
  let received = 0;
  let expected: number | undefined;
  let allArrived: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => {
    allArrived = resolve;
  });
  const channel = openChannel<Page<Visitor_Deserialize>>((page) => {
    pages[page.index - 1] = page.items;
    received += 1;
    if (expected !== undefined && received >= expected) allArrived();
  });
  const end = await call(commands.streamVisitors(connection, { website_id: websiteId, limit }, channel));
  expected = end.pages;
  if (received >= expected) allArrived();
  await arrived;
  return pages.flat().slice(0, limit);
}

/**
 * The visitor list, refreshed like the count: with a Limit, up to that many visitors over as many pages as it
 * takes; without one, the one page `page` (list_visitors).
 */
export function useListVisitors(connection: string, websiteId: string, page: number, limit: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.visitors.all(connection), "list", websiteId, limit === undefined ? page : "limit", limit],
    queryFn: () =>
      limit === undefined
        ? call(commands.listVisitors(connection, { website_id: websiteId, page }))
        : streamVisitors(connection, websiteId, limit),
    refetchInterval: REFRESH_MS,
    enabled: Boolean(websiteId) && enabled,
  });
}
