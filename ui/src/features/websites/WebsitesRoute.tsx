import { useConnection } from "../../session/connection";
import { WebsitesScreen } from "./WebsitesScreen";
import "./websites.css";

/** `#/websites`: the selected website, check a domain, create and delete websites. */
export function WebsitesRoute() {
  const connection = useConnection();
  return <WebsitesScreen connection={connection.id} websiteId={connection.website_id} tier={connection.tier} />;
}
