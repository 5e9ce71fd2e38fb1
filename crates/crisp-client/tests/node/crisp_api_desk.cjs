// Crisp's official Node client (crisp-api, an exact dev dependency) assigning conversations and acting on them
// in batches against the sandbox, for the wire comparison in ../crisp_api_compat.rs. Environment: CRISP_REST_HOST
// (the sandbox's base URL), CRISP_IDENTIFIER, CRISP_TIER, CRISP_WEBSITE_ID, CRISP_SESSIONS (a JSON array),
// CRISP_OPERATOR (a user_id); the key is the first line of stdin. Exits 0 when every call succeeded.
"use strict";

const Crisp = require("crisp-api").default;

const { CRISP_REST_HOST, CRISP_IDENTIFIER, CRISP_TIER, CRISP_WEBSITE_ID, CRISP_SESSIONS, CRISP_OPERATOR } =
  process.env;

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  input += chunk;
});
process.stdin.on("end", async () => {
  const client = new Crisp();
  client.setRestHost(CRISP_REST_HOST);
  client.authenticateTier(CRISP_TIER, CRISP_IDENTIFIER, input.split("\n")[0]);
  const website = client.website;
  const sessions = JSON.parse(CRISP_SESSIONS);
  try {
    await website.assignConversationRouting(CRISP_WEBSITE_ID, sessions[0], {
      assigned: { user_id: CRISP_OPERATOR },
    });
    await website.getConversationRoutingAssign(CRISP_WEBSITE_ID, sessions[0]);
    await website.batchResolveConversations(CRISP_WEBSITE_ID, { sessions });
    await website.batchUnresolveConversations(CRISP_WEBSITE_ID, { sessions });
    await website.batchReadConversations(CRISP_WEBSITE_ID, { sessions });
    await website.batchUnreadConversations(CRISP_WEBSITE_ID, { sessions });
    await website.batchRoutingConversations(CRISP_WEBSITE_ID, { sessions, assigned: null });
    await website.batchRemoveConversations(CRISP_WEBSITE_ID, { sessions });
  } catch (error) {
    process.stderr.write(`a call failed: ${JSON.stringify(error)}\n`);
    process.exit(1);
  }
  process.exit(0);
});
