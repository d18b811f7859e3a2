import { describe, expect, it } from 'vitest';
import { privateAddressPolicy } from '../../../../src/core/check/external/address-policy.js';

/** The host as undici gets it: what the WHATWG URL parser makes of the link's spelling. */
function hostOf(link: string): string {
  return new URL(link).hostname;
}

describe('the default private-address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fc00::1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata lives here)'],
    ['fe80::1', 'link-local (cloud metadata lives here)'],
    ['febf::1', 'link-local (cloud metadata lives here)'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.255', 'shared (CGNAT)'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
  ])('refuses %s as %s', (address, reason) => {
    expect(privateAddressPolicy(address)).toBe(reason);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local (cloud metadata lives here)'],
    ['::ffff:10.0.0.1', 'private'],
    ['[::ffff:c0a8:101]', 'private'],
  ])('refuses the IPv4-mapped IPv6 address %s as %s', (address, reason) => {
    expect(privateAddressPolicy(address)).toBe(reason);
  });

  it.each([
    ['198.18.0.1', 'reserved'],
    ['198.19.255.255', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['239.255.255.250', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.170', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['ff02::1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['100::1', 'reserved'],
  ])('refuses %s, a reserved address no public site uses, as %s', (address, reason) => {
    expect(privateAddressPolicy(address)).toBe(reason);
  });

  it.each([
    ['64:ff9b::a9fe:a9fe', 'link-local (cloud metadata lives here)'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::c0a8:1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a00:1:1::1', 'private'],
    ['2002:a9fe:a9fe::', 'link-local (cloud metadata lives here)'],
    ['::127.0.0.1', 'loopback'],
    ['::a00:1', 'private'],
    ['[64:ff9b::a00:1]', 'private'],
  ])('refuses %s, which leads to a refused IPv4 address (NAT64, 6to4, IPv4-compatible), as %s', (address, reason) => {
    expect(privateAddressPolicy(address)).toBe(reason);
  });

  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://0xA9FEA9FE/', '169.254.169.254'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
  ])('refuses %s, which the URL parser spells %s', (link, host) => {
    expect(hostOf(link)).toBe(host);
    expect(privateAddressPolicy(hostOf(link))).toBeDefined();
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '169.255.0.1',
    '198.20.0.1',
    '223.255.255.254',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '2001:4860:4860::8888',
  ])('lets the public address %s through', (address) => {
    expect(privateAddressPolicy(address)).toBeUndefined();
  });
});
