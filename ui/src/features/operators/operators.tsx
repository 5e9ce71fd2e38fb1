import { queryOptions, useQuery } from "@tanstack/react-query";
import { known } from "../../components/lenient";
import { call, commands, queryKeys, type ConnectionSummary, type Operator, type OperatorEntry } from "../../ipc";

/** The website's operators (list_operators), shared by every field that takes an operator's user ID. */
export function useOperators(connection: ConnectionSummary) {
  return useQuery(operatorsQuery(connection));
}

/** The query behind `useOperators`, for screens that list the operators of several connections at once. */
export function operatorsQuery(connection: ConnectionSummary) {
  return queryOptions({
    queryKey: queryKeys.operators.list(connection.id, connection.website_id),
    queryFn: async () => {
      const entries: OperatorEntry[] = await call(commands.listOperators(connection.id, { website_id: connection.website_id }));
      return entries.flatMap((e): Operator[] => {
        const details = known(e?.details);
        return details?.user_id ? [details] : [];
      });
    },
    staleTime: 5 * 60_000,
  });
}

/** An operator's display name: first and last name, else email, else the ID. */
export function operatorName(operator: Operator): string {
  const name = [operator.first_name, operator.last_name].filter(Boolean).join(" ").trim();
  return name || operator.email || operator.user_id || "";
}

/**
 * A `<datalist>` of operators for an `<input list>`: the user picks a name (the option's value is the user ID)
 * or types an ID themselves.
 */
export function OperatorOptions({ id, operators }: { id: string; operators: Operator[] }) {
  return (
    <datalist id={id}>
      {operators.map((o) => (
        <option key={o.user_id ?? ""} value={o.user_id ?? ""} label={operatorName(o)}>
          {operatorName(o)}
        </option>
      ))}
    </datalist>
  );
}
