import { vi } from "vitest";
import type { paths } from "@/lib/api/schema";

type Method = "GET" | "POST" | "DELETE" | "PATCH" | "PUT";
type Reply = { status?: number; body?: unknown; headers?: Record<string, string> };
type Handler = (request: Request, url: URL) => Reply | Promise<Reply>;

/** A route: a path of the generated schema, or an allauth path. */
type RoutePath = keyof paths | `/_allauth/${string}`;
type RouteKey = `${Method} ${RoutePath}`;

export type MockApi = {
  /** Every request made, in order. */
  requests: Request[];
  /** Requests to a path (query string ignored). */
  calls: (method: Method, path: string) => Request[];
};

function matches(template: string, pathname: string): boolean {
  const expected = template.split("/");
  const actual = pathname.split("/");
  return (
    expected.length === actual.length &&
    expected.every((part, index) =>
      part.startsWith("{") ? Boolean(actual[index]) : part === actual[index],
    )
  );
}

/**
 * Stubs `fetch` with handlers keyed by "METHOD path" (paths as in the OpenAPI schema, with
 * `{param}` placeholders). Unknown routes answer 404 so a test never reaches a network.
 */
export function mockApi(handlers: Partial<Record<RouteKey, Handler | Reply>>): MockApi {
  const requests: Request[] = [];
  const entries = Object.entries(handlers) as [RouteKey, Handler | Reply][];

  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request =
        input instanceof Request
          ? input
          : new Request(new URL(String(input), window.location.origin), init);
      requests.push(request);
      const url = new URL(request.url);
      const found = entries.find(([key]) => {
        const [method, path] = key.split(" ") as [Method, string];
        return method === request.method && matches(path, url.pathname);
      });
      if (!found) {
        return new Response(JSON.stringify({ code: "not_found", message: "Not found" }), {
          status: 404,
          headers: { "Content-Type": "application/json" },
        });
      }
      const handler = found[1];
      const reply = typeof handler === "function" ? await handler(request, url) : handler;
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
        status: reply.status ?? 200,
        headers: { "Content-Type": "application/json", ...reply.headers },
      });
    }),
  );

  return {
    requests,
    calls: (method, path) =>
      requests.filter(
        (request) => request.method === method && new URL(request.url).pathname === path,
      ),
  };
}

export function json<T>(body: T, status = 200): Reply {
  return { status, body };
}
