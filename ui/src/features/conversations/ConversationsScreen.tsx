/** Conversations screen (filled in below). */
export function ConversationsScreen({ sessionId }: { sessionId: string | null }) {
  return <h1>Conversations {sessionId}</h1>;
}
