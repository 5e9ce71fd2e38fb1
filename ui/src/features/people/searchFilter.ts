/**
 * The `search_filter` of list_people_profiles (crisp-api.md §3.10), built with the shared criteria builder;
 * this file holds only the people vocabulary it suggests (Crisp does not publish it, any text is accepted).
 */
import { toFilterObjects } from "../../components/filterBuilder";

export type { FilterCondition, SearchOperator } from "../../components/filterBuilder";

/** The model people filters name. */
export const PEOPLE_MODEL = "people";

/** Suggested models (free text is accepted too). */
export const MODEL_SUGGESTIONS = [PEOPLE_MODEL];

/** Suggested criteria: profile fields by their Crisp path. */
export const CRITERION_SUGGESTIONS = [
  "email",
  "person.nickname",
  "person.phone",
  "person.geolocation.country",
  "person.geolocation.city",
  "person.employment.name",
  "company.name",
  "company.domain",
  "segments",
  "created_at",
  "updated_at",
];

/** The filter objects as Crisp takes them (incomplete rows dropped, text trimmed). */
export const toSearchFilter = toFilterObjects;
