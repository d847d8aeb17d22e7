// The text of a post as the analyzer reads it, the fingerprint is computed from, and match offsets
// point into: title and body, once each.
export function postText(post: { readonly title: string | null; readonly body: string }): string {
  const title = post.title?.trim();
  const body = post.body.trim();
  if (!title || body.startsWith(title)) return body;
  return `${title}\n${body}`;
}
