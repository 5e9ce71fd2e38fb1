import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Shell } from "./Shell";

/** Retries only what may succeed on a second try: never a bad request, never a write. */
function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => {
          const kind = (error as { kind?: string }).kind;
          return count < 2 && (kind === "network" || kind === "timeout" || kind === "server");
        },
      },
      mutations: { retry: false },
    },
  });
}

/** The app root: the query cache and the shell. */
export function App() {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <Shell />
    </QueryClientProvider>
  );
}
