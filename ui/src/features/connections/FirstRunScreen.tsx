import { ConnectionForm, TokenSteps } from "./ConnectionForm";
import { useSelectConnection } from "./useConnections";

/** The first screen: add a real connection, or look around with the Demo one. */
export function FirstRunScreen({ onDone }: { onDone: () => void }) {
  const select = useSelectConnection();
  return (
    <main className="first-run">
      <h1>Welcome to Crisp Desk</h1>
      <p>Connect your Crisp workspace to browse conversations, answer them and manage people.</p>
      <div className="form-with-steps">
        <section className="panel" aria-labelledby="first-connection">
          <h2 id="first-connection">Add connection</h2>
          <ConnectionForm onSaved={(saved) => select.mutate(saved.id, { onSettled: onDone })} />
        </section>
        <TokenSteps />
      </div>
      <p>
        <button type="button" onClick={() => select.mutate("demo", { onSettled: onDone })}>
          Try the Demo connection
        </button>{" "}
        <span className="muted">A local Crisp with sample conversations; nothing leaves this computer.</span>
      </p>
    </main>
  );
}
