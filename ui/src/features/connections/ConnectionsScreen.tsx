/** Settings screen for connections (filled in below). */
export function ConnectionsScreen() {
  return <h1>Connections</h1>;
}
