/**
 * Whether an IP address is a public unicast address: the only kind the guarded client connects to (DESIGN.md §5).
 * Pure. IPv4 special-purpose blocks follow the IANA registry (RFC 6890 and successors); IPv6 is allowed only in global
 * unicast 2000::/3, minus its special-purpose and documentation blocks, and IPv6 forms that embed an IPv4 address
 * (mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4 address.
 */
import { isIP } from 'node:net';

/** [network, prefix length]: none of these is reachable as a public server. */
const IPV4_FORBIDDEN: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, incl. cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. broadcast 255.255.255.255
];

const IPV4_BLOCKS = IPV4_FORBIDDEN.map(([network, bits]) => ({ network: ipv4ToNumber(network), mask: bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0 }));

export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return isPublicIpv4(ipv4ToNumber(bare));
  if (family === 6) return isPublicIpv6(ipv6ToGroups(bare));
  return false;
}

function isPublicIpv4(value: number): boolean {
  return IPV4_BLOCKS.every(({ network, mask }) => ((value & mask) >>> 0) !== network);
}

function isPublicIpv6(g: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = ((g6 << 16) | g7) >>> 0;
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upperZero && g5 === 0xffff) return isPublicIpv4(embedded); // ::ffff:a.b.c.d (IPv4-mapped)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPublicIpv4(embedded); // NAT64
  if (g0 === 0x2002) return isPublicIpv4(((g1 << 16) | g2) >>> 0); // 6to4
  if ((g0 & 0xe000) !== 0x2000) return false; // not global unicast: ::, ::1, fc00::/7, fe80::/10, ff00::/8, ...
  if (g0 === 0x2001 && g1 < 0x0200) return false; // 2001::/23 special purpose (Teredo, ORCHID, benchmarking...)
  if (g0 === 0x2001 && g1 === 0x0db8) return false; // documentation
  if (g0 === 0x3fff && g1 < 0x1000) return false; // 3fff::/20 documentation
  return true;
}

function ipv4ToNumber(text: string): number {
  return text.split('.').reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);
}

/** Eight 16-bit groups of an address `isIP` accepted as IPv6 (with `::` and an optional dotted IPv4 tail). */
function ipv6ToGroups(text: string): number[] {
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const v4 = ipv4ToNumber(group);
          return [v4 >>> 16, v4 & 0xffff];
        });
  const gap = text.indexOf('::');
  if (gap === -1) return parse(text);
  const head = parse(text.slice(0, gap));
  const tail = parse(text.slice(gap + 2));
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}
