/** The logged-in user (shared with the header and the other features through src/lib). */
export { getMe, meQueryOptions, useMe } from "@/lib/current-user";
