// A request and its answer as the checks read them. The client's WireRequest adds how it is sent
// (src/client/transport.ts); the checks sit below the client and name none of it.

export type WireRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** More lines of a header already in `headers`, sent after it (duplicated credentials, say). */
  repeatedHeaders?: Record<string, string[]>;
  /** Exact bytes sent; undefined sends no body. */
  body: Buffer | undefined;
};

export type WireResponse = {
  status: number;
  /** Header names lowercased. */
  headers: Record<string, string>;
  text: string;
  /** The body was longer than the read cap: `text` holds its first bytes only. */
  truncated?: { cap: number };
};

const parsedBodies = new WeakMap<WireResponse, { json: unknown }>();

/**
 * The body of an answer parsed as JSON, or undefined when it is not JSON: parsed once per answer,
 * however many readers it has (the response rules judge it in the transport, then the client hands
 * it to the test). Readers must not change what they get.
 */
export function jsonOf(response: WireResponse): unknown {
  let parsed = parsedBodies.get(response);
  if (parsed === undefined) {
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      json = undefined;
    }
    parsed = { json };
    parsedBodies.set(response, parsed);
  }
  return parsed.json;
}
