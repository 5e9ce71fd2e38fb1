// Crisp's official Node client (crisp-api, an exact dev dependency) listening for `message:send` on the
// sandbox, for the compatibility test in ../crisp_api_compat.rs. Environment: CRISP_REST_HOST (the sandbox's
// base URL), CRISP_IDENTIFIER, CRISP_TIER; the key is the first line of stdin. Prints the first event's
// payload as one JSON line and exits 0; exits 2 when none came within 20 s.
"use strict";

const Crisp = require("crisp-api").default;

const { CRISP_REST_HOST, CRISP_IDENTIFIER, CRISP_TIER } = process.env;

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  input += chunk;
});
process.stdin.on("end", () => {
  const key = input.split("\n")[0];
  const client = new Crisp();
  client.setRestHost(CRISP_REST_HOST);
  client.authenticateTier(CRISP_TIER, CRISP_IDENTIFIER, key);
  client.on("message:send", (message) => {
    process.stdout.write(JSON.stringify(message) + "\n");
    process.exit(0);
  });
  setTimeout(() => {
    process.stderr.write("no message:send within 20 s\n");
    process.exit(2);
  }, 20000);
});
