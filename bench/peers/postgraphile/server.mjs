// PostGraphile 5 (the Amber preset) over the benchmark's schema, one Node process:
//   DATABASE_URL=postgres://… SCHEMA=… PORT=… node server.mjs
import "./polyfill.mjs";
import { createServer } from "node:http";

const { postgraphile } = await import("postgraphile");
const { PostGraphileAmberPreset } = await import("postgraphile/presets/amber");
const { makePgService } = await import("postgraphile/adaptors/pg");
const { grafserv } = await import("postgraphile/grafserv/node");

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: [process.env.SCHEMA] })],
  grafserv: { graphqlPath: "/graphql", watch: false },
  grafast: { explain: false },
};
const serv = postgraphile(preset).createServ(grafserv);
const server = createServer();
server.on("error", (error) => console.error(error));
await serv.addTo(server);
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`listening on ${process.env.PORT}`));
