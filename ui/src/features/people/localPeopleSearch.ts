import type { StoredPeopleHit } from "../../ipc";
import type { PeopleFilters } from "./peopleQuery";

/** How long typing must pause before the store is asked. */
export const LOCAL_PEOPLE_DEBOUNCE_MS = 120;

/** Results the local people search shows. */
export const LOCAL_PEOPLE_LIMIT = 20;

/** The filters with Crisp's Search Text set to `query` (what "Search on Crisp" applies), the others kept. */
export function withSearchText(filters: PeopleFilters, query: string): PeopleFilters {
  return { ...filters, searchText: query.trim() };
}

/** A hit's row title: the stored profile's nickname, else its email, else its People ID. */
export function peopleHitTitle(hit: StoredPeopleHit): string {
  const profile = hit.profile;
  const person = profile?.person;
  const nickname = person && typeof person === "object" && "nickname" in person ? person.nickname : null;
  return (typeof nickname === "string" && nickname.trim()) || profile?.email?.trim() || hit.people_id;
}

/** What the results' status line says. */
export function localPeopleStatus(query: string, hits: number | null): string {
  if (hits == null) return `Searching stored people for “${query}”…`;
  if (hits === 0) return `No stored profile matches “${query}”.`;
  if (hits === 1) return `1 stored profile matches “${query}”.`;
  return `${hits === LOCAL_PEOPLE_LIMIT ? `First ${hits}` : hits} stored profiles match “${query}”.`;
}
