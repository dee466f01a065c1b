/** Typed builders for API objects in unit tests (instead of copied JSON blobs). */
import type { VobizNumber, VobizTrunk } from '../../src/api';

export function aNumber(e164: string, fields: Partial<VobizNumber> = {}): VobizNumber {
  return { e164, account_id: 'MA_DEMO0001', status: 'active', country: 'IN', region: 'Karnataka', ...fields };
}

export function aTrunk(trunkId: string, fields: Partial<VobizTrunk> = {}): VobizTrunk {
  return {
    trunk_id: trunkId,
    name: `Trunk ${trunkId}`,
    trunk_status: 'active',
    trunk_direction: 'inbound',
    transport: 'udp',
    trunk_domain: `${trunkId}.sip.vobiz.ai`,
    ...fields,
  };
}
