// The public GraphQL API, as any frontend calls it: a POST of one of the .graphql documents beside this
// file with its variables, and lists read page by page with cursors.

import EVENTS from "./queries/Events.graphql";
import EVENT from "./queries/Event.graphql";
import ACTOR from "./queries/Actor.graphql";
import ACTORS from "./queries/Actors.graphql";
import TOPICS from "./queries/Topics.graphql";

export const ENDPOINT = "/graphql";
// The API's largest page (Settings.graphql_max_page_size).
const PAGE_SIZE = 100;

/** The `data` of `query` run with `variables`; a GraphQL or HTTP error is thrown with its message. */
export async function graphql(query, variables = {}) {
  const response = await fetch(ENDPOINT, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => null);
  if (body?.errors?.length) throw new Error(body.errors.map((error) => error.message).join("; "));
  if (!response.ok || !body?.data) throw new Error(`the API answered ${response.status}`);
  return body.data;
}

/** Every node of the connection `field` of `query`, following `pageInfo.endCursor` page after page. */
export async function everyNode(query, field, variables = {}) {
  const nodes = [];
  let after = null;
  let totalCount = null;
  do {
    const connection = (await graphql(query, { ...variables, first: PAGE_SIZE, after }))[field];
    nodes.push(...connection.nodes);
    totalCount ??= connection.totalCount ?? null;
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after !== null);
  return { nodes, totalCount };
}

export const events = (filter) => everyNode(EVENTS, "events", { filter });
export const actors = () => everyNode(ACTORS, "actors");
export const topics = () => everyNode(TOPICS, "topics");
export const event = async (id) => (await graphql(EVENT, { id })).event;
export const actor = async (id) => (await graphql(ACTOR, { id })).actor;
