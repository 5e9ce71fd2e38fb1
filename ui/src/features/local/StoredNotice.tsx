/** Says the list shows what the local store held while Crisp's answer is on its way. */
export function StoredNotice({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <p className="stored-notice muted" role="status">
      Stored copy: updating from Crisp…
    </p>
  );
}
