// The GraphQL-over-HTTP audit of graphql-http against a running server: node audit.mjs URL
// prints one JSON line per check ({id, name, status, reason}); tests/api/test_graphql_over_http.py reads them.
import { auditServer } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit.mjs http://host:port/graphql");
  process.exit(2);
}
const results = await auditServer({ url });
for (const result of results) {
  const line = { id: result.id, name: result.name, status: result.status };
  if (result.status !== "ok") {
    line.reason = result.reason;
    line.response = await result.response.text().catch(() => null);
    line.responseStatus = result.response.status;
    line.responseType = result.response.headers.get("content-type");
  }
  console.log(JSON.stringify(line));
}
