// Shapes the mock sends, taken from the types generated from the OpenAPI document (never restated).
import type { components } from '../../schemas/chert-chats.d.ts';
import type { ApiError } from './errors.ts';

type Schemas = components['schemas'];

export type Chat = Schemas['Chat'];
export type Handle = Schemas['Handle'];
export type Message = Schemas['Message'];
export type MessagePart = Schemas['MessagePart'];
export type TextPart = Schemas['TextPart'];
export type CreateChatRequest = Schemas['CreateChatRequest'];
export type CreateChatResponse = Schemas['CreateChatResponse'];
export type SendMessageRequest = Schemas['SendMessageRequest'];
export type SendMessageResponse = Schemas['SendMessageResponse'];
export type MessageList = Schemas['MessageList'];
export type ErrorEnvelope = Schemas['ErrorEnvelope'];

/** What a handler answers: a body, or an error the server wraps in the envelope with the trace id. */
export type Reply = ({ status: number; body: unknown } | { error: ApiError }) & { headers?: Record<string, string> };
