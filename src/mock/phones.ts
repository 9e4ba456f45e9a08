// E.164 checks (/api/phone-numbers) with the phone faults at their points of deviation.
// "+1 415-555-0100" is rejected with 1003: the docs never say formatting is normalised, and
// rejecting is one of the two answers the catalog accepts (PHONE-FORMATTED).
import { E164_PATTERN as E164 } from '../domain/phones.ts';
import type { FaultName } from './faults.ts';

export function isE164(value: string, fault: FaultName | undefined): boolean {
  if (fault === 'phone-no-plus-accepted') return /^\+?[1-9]\d{1,14}$/.test(value);
  if (fault === 'phone-16-digits-accepted') return /^\+[1-9]\d{1,15}$/.test(value);
  if (fault === 'phone-formatted-stored') return E164.test(value.replace(/[\s-]/g, ''));
  return E164.test(value);
}

export function isRecipient(value: string, fault: FaultName | undefined): boolean {
  if (fault === 'phone-us-only' && !value.startsWith('+1')) return false;
  return isE164(value, fault);
}
