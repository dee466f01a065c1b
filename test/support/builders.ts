/** Typed builders for API objects in tests (instead of copied JSON blobs). */
import type { VobizNumber, VobizTrunk } from '../../src/api';
import { SANDBOX } from '../fake-vobiz/seed';

/** An active number of the sandbox's main account in Karnataka, with these fields on top. */
export function aNumber(e164: string, fields: Partial<VobizNumber> = {}): VobizNumber {
  return { e164, account_id: SANDBOX.authId, status: 'active', country: 'IN', region: 'Karnataka', ...fields };
}

/** An active inbound UDP trunk named after its id, with these fields on top. */
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
