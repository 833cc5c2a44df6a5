import { expect } from 'chai';
import { isPublicAddress } from './is-public-address.ts';

describe('isPublicAddress', () => {
  const refused = [
    '127.0.0.1', '127.255.255.254', '0.0.0.0', '0.1.2.3', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255',
    '192.168.1.1', '169.254.169.254', '169.254.0.1', '100.64.0.1', '100.127.255.255', '224.0.0.1', '239.255.255.250',
    '240.0.0.1', '255.255.255.255', '192.0.2.1', '198.51.100.7', '203.0.113.9', '198.18.0.1', '192.0.0.8',
    '::', '::1', '0:0:0:0:0:0:0:1', 'fe80::1', 'fe80::1%eth0', 'febf::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '::127.0.0.1',
    '64:ff9b::10.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::', '2002:a00:1::1', '2001:db8::1', '2001::1', '2001:10::1',
    '3fff::1', '100::1', '[::1]', 'localhost', 'not an address', '',
  ];
  const accepted = ['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700:4700::1111', '2a00:1450:4001:82a::200e', '::ffff:93.184.216.34', '64:ff9b::808:808', '2002:808:808::1'];

  for (const address of refused) it(`refuses ${JSON.stringify(address)}`, () => expect(isPublicAddress(address)).to.equal(false));
  for (const address of accepted) it(`accepts ${address}`, () => expect(isPublicAddress(address)).to.equal(true));
});
