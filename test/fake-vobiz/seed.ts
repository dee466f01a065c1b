/** Seed data for the fake Vobiz: a realistic sandbox account, and bulk inventories for paging and benchmarks. */

export interface FakeAccount {
  auth_id: string;
  token: string;
  name: string;
  email: string;
  account_type: 'main' | 'sub';
  /** For a sub-account: its main account's Auth ID. */
  parent?: string;
}

/** Stored the way the fake keeps them: owner in `account_id`, `trunk_group_id` absent when unassigned. */
export type FakeNumber = Record<string, unknown> & {
  e164: string;
  account_id: string;
  trunk_group_id?: string;
  application_id?: string;
};
export type FakeTrunk = Record<string, unknown> & { trunk_id: string; account_id: string; name: string; trunk_status: string };

export interface Seed {
  accounts: FakeAccount[];
  numbers: FakeNumber[];
  trunks: FakeTrunk[];
}

export const SANDBOX = {
  authId: 'MA_DEMO0001',
  authToken: 'demo-sandbox-token-1f4c',
  subAuthId: 'SA_DEMOSUB01',
  subAuthToken: 'demo-sub-token-77e2',
  /** The main account's token after a rotation in the console (tests of rejected credentials). */
  rotatedAuthToken: 'demo-rotated-token-9b3d',
} as const;

/** Deterministic uuid-shaped ids: `uuid('trunk', 1)` → `7472756e-0000-4000-8000-000000000001` (the kind's first bytes in hex, then n). */
export function uuid(kind: string, n: number): string {
  const tag = Buffer.from(kind).toString('hex').padEnd(8, '0').slice(0, 8);
  const num = n.toString(16).padStart(12, '0');
  return `${tag}-0000-4000-8000-${num}`;
}

/** The sandbox's trunks, by role: tests name them through this, never by a copied id. */
export const SANDBOX_TRUNKS = {
  /** "Acme Production": inbound, udp. */
  prod: uuid('trunk', 1),
  /** "Acme Staging": both directions, tls. */
  staging: uuid('trunk', 2),
  /** "Support Desk (Bengaluru)": inbound, tcp, recording. */
  support: uuid('trunk', 3),
  /** "Legacy PBX": inactive, outbound. */
  legacy: uuid('trunk', 4),
  /** "Reseller Trunk": the sub-account's. */
  reseller: uuid('trunk', 5),
} as const;

/** The sandbox's well-known numbers, by what they are. */
export const SANDBOX_NUMBERS = {
  /** Maharashtra, on Acme Production. */
  onProd: '+912271264217',
  /** Maharashtra, on Acme Production. */
  onProd2: '+912271264218',
  /** Karnataka, on Support Desk. */
  onSupport: '+918041234567',
  /** Karnataka, unassigned. */
  unassigned: '+918041234568',
  /** Delhi, unassigned. */
  unassigned2: '+911140001234',
  /** US, on Acme Staging. */
  onStaging: '+14155550123',
  /** US, routed to an application (no trunk). */
  appRouted: '+14155550199',
  /** GB, on the inactive Legacy PBX. */
  onLegacy: '+442079460958',
  /** Maharashtra, pending release, on Acme Production. */
  pendingRelease: '+912271264299',
  /** West Bengal, blocked, unassigned. */
  blocked: '+913340005678',
  /** The sub-account's, on its Reseller Trunk. */
  subOnReseller: '+918041239999',
  /** The sub-account's, unassigned. */
  subUnassigned: '+914440001111',
} as const;

const CREATED = '2026-03-31T18:30:00Z';

export function trunk(n: number, account_id: string, fields: Partial<FakeTrunk> & { name: string }): FakeTrunk {
  const trunk_id = uuid('trunk', n);
  return {
    trunk_id,
    account_id,
    trunk_domain: `${trunk_id}.sip.vobiz.ai`,
    trunk_status: 'active',
    secure: false,
    trunk_direction: 'inbound',
    concurrent_calls_limit: 10,
    cps_limit: 2,
    description: '',
    transport: 'udp',
    recording: false,
    enable_transcription: false,
    pii_redaction: false,
    webhook_method: 'POST',
    recording_webhook_enabled: false,
    created_at: '2026-04-17T10:28:06.112095Z',
    updated_at: '2026-04-17T10:28:06.112095Z',
    ...fields,
  };
}

export function phoneNumber(n: number, account_id: string, e164: string, fields: Partial<FakeNumber> = {}): FakeNumber {
  return {
    id: uuid('number', n),
    account_id,
    e164,
    country: 'IN',
    region: 'Karnataka',
    capabilities: { voice: true, sms: false, mms: false, fax: false },
    status: 'active',
    provider: '',
    setup_fee: 100,
    monthly_fee: 300,
    currency: 'INR',
    voice_enabled: true,
    tags: [],
    purchased_at: '2026-05-01T06:58:38.796024Z',
    is_blocked: false,
    created_at: CREATED,
    updated_at: '2026-05-12T07:07:24.000000Z',
    is_trial_number: false,
    minimum_commitment_months: 0,
    aadhaar_verification_required: false,
    aadhaar_verified: false,
    source: 'purchased',
    ...fields,
  };
}

/** The sandbox: a main account with a sub-account, four trunks (one inactive) and numbers in every state. */
export function sandboxSeed(): Seed {
  const main = SANDBOX.authId;
  const sub = SANDBOX.subAuthId;
  const N = SANDBOX_NUMBERS;
  const prod = trunk(1, main, {
    name: 'Acme Production',
    description: 'Main inbound line',
    trunk_direction: 'inbound',
    transport: 'udp',
    concurrent_calls_limit: 30,
    cps_limit: 5,
  });
  const staging = trunk(2, main, { name: 'Acme Staging', trunk_direction: 'both', transport: 'tls', secure: true });
  const support = trunk(3, main, {
    name: 'Support Desk (Bengaluru)',
    trunk_direction: 'inbound',
    transport: 'tcp',
    recording: true,
  });
  const legacy = trunk(4, main, { name: 'Legacy PBX', trunk_status: 'inactive', trunk_direction: 'outbound', transport: 'udp' });
  const subTrunk = trunk(5, sub, { name: 'Reseller Trunk', trunk_direction: 'both', transport: 'udp' });
  const numbers: FakeNumber[] = [
    phoneNumber(1, main, N.onProd, { region: 'Maharashtra', trunk_group_id: prod.trunk_id }),
    phoneNumber(2, main, N.onProd2, { region: 'Maharashtra', trunk_group_id: prod.trunk_id }),
    phoneNumber(3, main, N.onSupport, { region: 'Karnataka', trunk_group_id: support.trunk_id }),
    phoneNumber(4, main, N.unassigned, { region: 'Karnataka' }),
    phoneNumber(5, main, N.unassigned2, { region: 'Delhi' }),
    phoneNumber(6, main, N.onStaging, {
      country: 'US',
      region: 'California',
      currency: 'USD',
      monthly_fee: 1.0,
      setup_fee: 0,
      trunk_group_id: staging.trunk_id,
      capabilities: { voice: true, sms: true, mms: true, fax: false },
    }),
    phoneNumber(7, main, N.appRouted, {
      country: 'US',
      region: 'California',
      currency: 'USD',
      monthly_fee: 1.0,
      setup_fee: 0,
      application_id: '21784177241757',
      capabilities: { voice: true, sms: true, mms: false, fax: false },
    }),
    phoneNumber(8, main, N.onLegacy, {
      country: 'GB',
      region: 'London',
      currency: 'GBP',
      monthly_fee: 2,
      trunk_group_id: legacy.trunk_id,
    }),
    phoneNumber(9, main, N.pendingRelease, { region: 'Maharashtra', status: 'pending_release', trunk_group_id: prod.trunk_id }),
    phoneNumber(10, main, N.blocked, { region: 'West Bengal', status: 'blocked', is_blocked: true }),
    phoneNumber(11, sub, N.subOnReseller, { region: 'Karnataka', trunk_group_id: subTrunk.trunk_id }),
    phoneNumber(12, sub, N.subUnassigned, { region: 'Tamil Nadu' }),
  ];
  return {
    accounts: [
      { auth_id: main, token: SANDBOX.authToken, name: 'Acme Voice (sandbox)', email: 'dev@acme.example', account_type: 'main' },
      {
        auth_id: sub,
        token: SANDBOX.subAuthToken,
        name: 'Acme Reseller (sandbox sub-account)',
        email: 'reseller@acme.example',
        account_type: 'sub',
        parent: main,
      },
    ],
    numbers,
    trunks: [prod, staging, support, legacy, subTrunk],
  };
}

/** A large single-account inventory: `numbers` numbers spread over `trunks` trunks (every third unassigned). */
export function bulkSeed(options: { numbers: number; trunks: number; authId?: string; authToken?: string }): Seed {
  const authId = options.authId ?? SANDBOX.authId;
  const trunks = Array.from({ length: options.trunks }, (_, i) =>
    trunk(i + 1, authId, {
      name: `Trunk ${String(i + 1).padStart(3, '0')}`,
      trunk_status: i % 17 === 16 ? 'inactive' : 'active',
    }),
  );
  const numbers = Array.from({ length: options.numbers }, (_, i) => {
    const routed = trunks.length > 0 && i % 3 !== 0;
    return phoneNumber(
      i + 1,
      authId,
      `+9180${String(10_000_000 + i)}`,
      routed ? { trunk_group_id: trunks[i % trunks.length].trunk_id } : {},
    );
  });
  return {
    accounts: [
      {
        auth_id: authId,
        token: options.authToken ?? SANDBOX.authToken,
        name: 'Bulk test account',
        email: 'bulk@acme.example',
        account_type: 'main',
      },
    ],
    numbers,
    trunks,
  };
}
