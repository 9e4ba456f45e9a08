// A chat as its tenant sees it: another tenant's chat does not exist for it (404 / 2002).
import type { Tenant } from '../../config/settings.ts';
import { apiError, failed, ok, type Result } from '../errors.ts';
import type { MockState } from '../state.ts';
import type { ChatRecord } from '../store.ts';
import { chatIdFrom } from './life/ids.ts';

export function findChat(state: MockState, tenant: Tenant, chatId: string): Result<ChatRecord> {
  const record = state.store.get(chatIdFrom(state, chatId));
  // followup-unknown-500: the record is dereferenced before the existence check, so it throws.
  const owner = state.fault === 'followup-unknown-500' ? (record as ChatRecord).tenant : record?.tenant;
  if (!record) return failed(apiError(2002));
  if (owner !== tenant.slug && state.fault !== 'followup-cross-tenant') return failed(apiError(2002));
  return ok(record);
}
