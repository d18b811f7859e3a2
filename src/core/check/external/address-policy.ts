import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';

/** Why an address may not be connected to, e.g. `loopback`; undefined when it may. */
export type AddressPolicy = (address: string) => string | undefined;

/** Ranges refused when `blockPrivate` is on, each with the word a finding uses for it. */
const blockedRanges: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6']>]> = [
  [
    'loopback',
    [
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ],
  ],
  [
    'private',
    [
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
      ['fc00::', 7, 'ipv6'],
    ],
  ],
  // 169.254.169.254 is where AWS, Azure and GCP serve instance metadata, credentials included.
  [
    'link-local (cloud metadata lives here)',
    [
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ],
  ],
  // Carrier-grade NAT: provider-internal, and used by some clouds for internal services.
  ['shared (CGNAT)', [['100.64.0.0', 10, 'ipv4']]],
  [
    'unspecified',
    [
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ],
  ],
];

/** Host names that lead to cloud metadata services whatever they resolve to. */
const metadataHostNames: ReadonlySet<string> = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

const lists = blockedRanges.map(([reason, ranges]) => {
  const list = new BlockList();
  for (const [network, prefix, type] of ranges) list.addSubnet(network, prefix, type);
  return [reason, list] as const;
});

/**
 * The default policy: refuses loopback, private, link-local, CGNAT and unspecified addresses,
 * IPv4-mapped IPv6 spellings of them included (`::ffff:127.0.0.1`, `::ffff:7f00:1`).
 */
export const privateAddressPolicy: AddressPolicy = (address) => {
  const plain = unmapped(address);
  const type = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  return lists.find(([, list]) => list.check(plain, type))?.[0];
};

/** The IPv4 address inside an IPv4-mapped IPv6 one, else the address as given. */
function unmapped(address: string): string {
  const match = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(address.replace(/^\[|\]$/g, ''));
  const tail = match?.[1];
  if (tail === undefined) return address.replace(/^\[|\]$/g, '');
  if (isIP(tail) === 4) return tail;
  const hextets = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!hextets) return address;
  const high = Number.parseInt(hextets[1] ?? '0', 16);
  const low = Number.parseInt(hextets[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** A connection refused by the address policy; its message says which address and why. */
export class BlockedAddressError extends Error {
  readonly code = 'ERR_LINKVET_BLOCKED_ADDRESS';
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(`${address}, ${/^[aeiou]/i.test(reason) ? 'an' : 'a'} ${reason} address`);
    this.name = 'BlockedAddressError';
  }
}

/** The policy's verdict on a host name or address literal before any lookup. */
function refusal(host: string, policy: AddressPolicy): BlockedAddressError | undefined {
  const bare = host
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  if (metadataHostNames.has(bare)) return new BlockedAddressError(bare, 'cloud metadata');
  if (isIP(bare) === 0) return undefined;
  const reason = policy(bare);
  return reason === undefined ? undefined : new BlockedAddressError(bare, reason);
}

/**
 * A DNS lookup that refuses the whole answer when any resolved address is blocked: the check
 * happens on the very addresses the socket connects to, so DNS rebinding cannot slip past it.
 */
function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      for (const { address } of addresses) {
        const reason = policy(address);
        if (reason !== undefined) return callback(new BlockedAddressError(address, reason), '', 0);
      }
      if (options.all === true) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (first === undefined) return callback(new Error(`${hostname} resolved to no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * An undici connector that applies `policy` to address literals before connecting and to every
 * address a host name resolves to; undici calls it for every connection, so every redirect hop.
 */
export function guardedConnector(policy: AddressPolicy, timeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: timeoutMs, lookup: guardedLookup(policy) });
  return (options, callback) => {
    const refused = refusal(options.hostname, policy);
    if (refused) return callback(refused, null);
    return connect(options, callback);
  };
}
