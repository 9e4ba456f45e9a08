// In-memory variants of the spec for generator tests: "adding an operation adds its cases".
import { loadSpec, type OpenApiDocument } from '../../src/contract/spec.ts';

/** The spec with one more operation, one the docs do not have: a presence state on a chat. */
export function specWithPresence(): OpenApiDocument {
  const copy = structuredClone(loadSpec());
  copy.paths['/api/v1/chats/{id}/presence'] = {
    parameters: [{ $ref: '#/components/parameters/ChatId' }],
    post: {
      operationId: 'setPresence',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object', required: ['state'], properties: { state: { type: 'string', enum: ['typing', 'stopped'] } } } } },
      },
      responses: { '200': { description: 'sent' } },
    },
  };
  return copy;
}

