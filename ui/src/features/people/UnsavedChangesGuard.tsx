import { useEffect, useRef, useState } from "react";
import { Dialog } from "../../components/Dialog";

/**
 * Asks before leaving a form with unsaved changes. It watches in-app links (a capture-phase click
 * listener runs before the shell's own handler), calls made through `confirmLeave`, and closing or
 * reloading the window (`beforeunload`). The question is an in-app modal dialog.
 */
export function useUnsavedChangesGuard(dirty: boolean) {
  const [pending, setPending] = useState<(() => void) | null>(null);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (!dirtyRef.current || event.defaultPrevented || event.button !== 0) return;
      const target = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!target) return;
      const href = target.getAttribute("href") ?? "";
      if (!href.startsWith("#/")) return;
      if (target.closest("[data-unsaved-dialog]")) return;
      event.preventDefault();
      event.stopPropagation();
      setPending(() => () => {
        window.location.hash = href;
      });
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    document.addEventListener("click", onClick, true);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      document.removeEventListener("click", onClick, true);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, []);

  /** Runs `leave` now when nothing is unsaved, otherwise after the user agrees. */
  const confirmLeave = (leave: () => void) => {
    if (dirtyRef.current) setPending(() => leave);
    else leave();
  };

  const dialog = pending ? (
    <LeaveDialog
      onStay={() => setPending(null)}
      onLeave={() => {
        const leave = pending;
        dirtyRef.current = false;
        setPending(null);
        leave();
      }}
    />
  ) : null;

  return { confirmLeave, dialog };
}

function LeaveDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  return (
    <Dialog title="Leave without saving?" open onClose={onStay}>
      <div className="dialog-body" data-unsaved-dialog>
        <p>This profile has changes that are not saved. Leaving now discards them.</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onStay} autoFocus>
          Stay on the form
        </button>
        <button type="button" className="danger" onClick={onLeave}>
          Leave without saving
        </button>
      </div>
    </Dialog>
  );
}
