// Proportionality: langnghe follows organisational pages only, never a person's account. Before a
// Facebook source is previewed or saved, Graph is asked what the id is (`GET /{id}?metadata=1`,
// whose `metadata.type` is "page" for a Page and "user" for a profile); anything but a Page is refused.
import { z } from 'zod';
import { callGraph, graphErrorLabel, graphErrorOf, type GraphEndpoint } from '../collectors/graph-api.js';
import { FetchError } from '../collectors/safe-fetch.js';

export type PageCheck =
  | { readonly kind: 'page'; readonly id: string; readonly name: string | null }
  /** Graph says the id is something else (a person's profile: "user"). */
  | { readonly kind: 'not_page'; readonly type: string }
  /** Graph could not be asked or refused to say (token, unknown id, network): not confirmed as a Page. */
  | { readonly kind: 'unverified'; readonly reason: string };

const nodeSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  metadata: z.object({ type: z.string() }).optional(),
});

export async function checkFacebookPage(endpoint: GraphEndpoint, pageId: string): Promise<PageCheck> {
  let answer;
  try {
    answer = await callGraph(endpoint, { path: pageId, params: { metadata: '1', fields: 'id,name' }, timeoutMs: 15_000 });
  } catch (error) {
    return { kind: 'unverified', reason: error instanceof FetchError ? error.message : String(error) };
  }
  const error = graphErrorOf(answer.body);
  if (error) {
    // Asking a profile for a Page-only field names its node type: the same answer by other means.
    const nodeType = /on node type \((\w+)\)/.exec(error.message)?.[1];
    if (nodeType && nodeType !== 'Page') return { kind: 'not_page', type: nodeType.toLowerCase() };
    return { kind: 'unverified', reason: graphErrorLabel(error) };
  }
  const node = nodeSchema.safeParse(answer.body);
  if (answer.status < 200 || answer.status >= 300 || !node.success) return { kind: 'unverified', reason: `Graph API answered HTTP ${answer.status} without a node` };
  const type = node.data.metadata?.type;
  if (type === 'page') return { kind: 'page', id: node.data.id, name: node.data.name ?? null };
  return type ? { kind: 'not_page', type } : { kind: 'unverified', reason: 'Graph API did not say what the id is (no metadata.type)' };
}
