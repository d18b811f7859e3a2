import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';

/** Why an address may not be connected to, e.g. `loopback`; undefined when it may. */
export type AddressPolicy = (address: string) => string | undefined;

/** Every address a host name resolves to, as `dns.lookup` with `all: true` gives them. */
export type ResolveAll = (
  hostname: string,
  options: { readonly family?: number; readonly hints?: number },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: ResolveAll = (hostname, options, callback) =>
  dnsLookup(hostname, { ...options, all: true }, callback);

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
  // Never a public web server: multicast, broadcast and the ranges set aside for protocols,
  // benchmarks (198.18.0.0/15, found inside some data centres) and documentation.
  [
    'reserved',
    [
      ['192.0.0.0', 24, 'ipv4'],
      ['192.0.2.0', 24, 'ipv4'],
      ['198.18.0.0', 15, 'ipv4'],
      ['198.51.100.0', 24, 'ipv4'],
      ['203.0.113.0', 24, 'ipv4'],
      ['224.0.0.0', 4, 'ipv4'],
      ['240.0.0.0', 4, 'ipv4'],
      ['100::', 64, 'ipv6'],
      // Teredo: a tunnel endpoint, not a web server, and it hides the IPv4 host it reaches.
      ['2001::', 32, 'ipv6'],
      ['2001:db8::', 32, 'ipv6'],
      ['ff00::', 8, 'ipv6'],
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
 * The default policy: refuses loopback, private, link-local, CGNAT, unspecified and reserved
 * addresses, and IPv6 addresses that carry a refused IPv4 one (see `embeddedIpv4`).
 */
export const privateAddressPolicy: AddressPolicy = (address) => {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 4) return reasonFor(bare, 'ipv4');
  if (isIP(bare) !== 6) return undefined;
  const bytes = ipv6Bytes(bare);
  const inner = bytes && embeddedIpv4(bytes);
  return (inner === undefined ? undefined : reasonFor(inner, 'ipv4')) ?? reasonFor(bare, 'ipv6');
};

function reasonFor(address: string, type: 'ipv4' | 'ipv6'): string | undefined {
  return lists.find(([, list]) => list.check(address, type))?.[0];
}

/**
 * The IPv4 address an IPv6 one reaches: IPv4-mapped (`::ffff:127.0.0.1`, `::ffff:7f00:1`),
 * IPv4-compatible (`::127.0.0.1`), NAT64 (`64:ff9b::/96`, which a NAT64 gateway turns into the
 * IPv4 address) and 6to4 (`2002:AABB:CCDD::/48`). Each can lead to a private IPv4 host.
 */
function embeddedIpv4(bytes: readonly number[]): string | undefined {
  const prefix = (...values: number[]): boolean => values.every((value, index) => bytes[index] === value);
  const zeros = (count: number): number[] => Array.from({ length: count }, () => 0);
  const last = (from: number): string => bytes.slice(from, from + 4).join('.');
  if (prefix(...zeros(10), 0xff, 0xff)) return last(12);
  if (prefix(0x00, 0x64, 0xff, 0x9b, ...zeros(8))) return last(12);
  if (prefix(0x20, 0x02)) return last(2);
  // `::` and `::1` are IPv6's own unspecified and loopback addresses, judged as IPv6.
  if (prefix(...zeros(12)) && bytes.slice(12).some((byte, index) => byte !== 0 && (index < 3 || byte > 1))) {
    return last(12);
  }
  return undefined;
}

/** The 16 bytes of an IPv6 address (already known to be valid), a dotted IPv4 tail included. */
function ipv6Bytes(address: string): number[] | undefined {
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  const hex = dotted === undefined ? address : address.slice(0, -dotted.length) + ipv4AsHextets(dotted);
  const [head = '', tail] = hex.split('::');
  const words = (part: string): number[] =>
    part === '' ? [] : part.split(':').map((word) => Number.parseInt(word, 16));
  const front = words(head);
  const back = tail === undefined ? [] : words(tail);
  const all = [...front, ...Array.from({ length: 8 - front.length - back.length }, () => 0), ...back];
  if (all.length !== 8 || all.some((word) => !(word >= 0 && word <= 0xffff))) return undefined;
  return all.flatMap((word) => [word >> 8, word & 255]);
}

function ipv4AsHextets(dotted: string): string {
  const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
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
function guardedLookup(policy: AddressPolicy, resolve: ResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, lookupHints(options), (error, addresses) => {
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

function lookupHints(options: LookupOptions): { family?: number; hints?: number } {
  const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
  return {
    ...(family === undefined ? {} : { family }),
    ...(options.hints === undefined ? {} : { hints: options.hints }),
  };
}

/**
 * An undici connector that applies `policy` to address literals before connecting and to every
 * address a host name resolves to; undici calls it for every connection, so every redirect hop.
 * `resolve` is the system's DNS unless a test plays a rebinding name server.
 */
export function guardedConnector(
  policy: AddressPolicy,
  timeoutMs: number,
  resolve: ResolveAll = systemResolver,
): buildConnector.connector {
  const connect = buildConnector({ timeout: timeoutMs, lookup: guardedLookup(policy, resolve) });
  return (options, callback) => {
    const refused = refusal(options.hostname, policy);
    if (refused) return callback(refused, null);
    return connect(options, callback);
  };
}
