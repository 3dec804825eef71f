/** The place page of a space (route "/lieux/:slug"). */
export function spacePath(slug: string): string {
  return `/lieux/${encodeURIComponent(slug)}`;
}
