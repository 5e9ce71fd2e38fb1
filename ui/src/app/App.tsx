import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { LinkOpenerContext } from "../components/ExternalLink";
import { isRetryable, openExternalLink, retryDelayMs } from "../ipc";
import { ActionsProvider } from "../session/actions";
import { Shell } from "./Shell";

/** The query cache. Reads retry only what may succeed on a second try (rate limits after their delay); writes never retry. */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => count < 3 && isRetryable(error),
        retryDelay: (count, error) => retryDelayMs(count, error),
      },
      mutations: { retry: false },
    },
  });
}

/**
 * The app root: the query cache (`client`, from `makeQueryClient`, which may hold the first screen's data already),
 * how links open, the actions the palette and shortcuts run, and the shell.
 */
export function App({ client }: { client: QueryClient }) {
  return (
    <QueryClientProvider client={client}>
      <LinkOpenerContext.Provider value={openExternalLink}>
        <ActionsProvider>
          <Shell />
        </ActionsProvider>
      </LinkOpenerContext.Provider>
    </QueryClientProvider>
  );
}
