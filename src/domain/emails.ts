// Which email addresses the suite may name. RFC 2606 reserves the `.test`, `.example` and
// `.invalid` top-level domains, and RFC 6761 says `.invalid` never resolves: no one can hold a
// mailbox there, so no one can verify it as an Apple ID. They are the email analogue of the
// fictional phone ranges in ./phones.ts. (example.com is left out on purpose: it resolves.)

const RESERVED_TLDS = ['test', 'example', 'invalid'];

/** A plain `local@domain` address, nothing a lenient server could read as two addresses. */
const PLAIN_EMAIL = /^[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9-]+\.)+([A-Za-z0-9-]+))$/;

export function isFictionalEmail(text: string): boolean {
  const tld = PLAIN_EMAIL.exec(text)?.[2]?.toLowerCase();
  return tld !== undefined && RESERVED_TLDS.includes(tld);
}

/** A fictional email, unique per `tag`, in mixed case so a normalisation can show. */
export const fictionalEmail = (tag: string): string => `Chert-Conformance-${tag}@Fictional.Invalid`;
