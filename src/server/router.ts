import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a handler gets: the request, the response, and the `:name` parts of the path. */
export type RouteContext = {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  url: URL;
};

export type RouteHandler = (context: RouteContext) => Promise<void>;

type Route = { method: string; parts: string[]; handler: RouteHandler };

/**
 * A table of `METHOD /literal/:param` routes. A param matches one path segment, never a slash,
 * and is percent-decoded; handlers still validate what it names before using it.
 */
export class Router {
  private readonly routes: Route[] = [];

  /** Adds a route; `pattern` like '/api/render/proxy/lambda/:id/cancel'. */
  add(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** The handler and params for a request, or undefined when no route matches. */
  match(method: string, pathname: string): { handler: RouteHandler; params: Record<string, string> } | undefined {
    const segments = pathname.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method || route.parts.length !== segments.length) continue;
      const params = matchParts(route.parts, segments);
      if (params) return { handler: route.handler, params };
    }
    return undefined;
  }
}

function matchParts(parts: string[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index];
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}
