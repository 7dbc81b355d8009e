import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AddressSet, cidrContains, cidrWithin, hostInCidr, isAnywhere } from '../../support/evaluators/network/cidr';

describe('network CIDR helpers', () => {
  const contains: [string, string, boolean][] = [
    ['0.0.0.0/0', '203.0.113.7', true],
    ['10.0.1.0/24', '10.0.1.200', true],
    ['10.0.1.0/24', '10.0.2.1', false],
    ['::/0', '2001:db8::1', true],
    ['::/0', '203.0.113.7', false], // other family: never covered
    ['0.0.0.0/0', '2001:db8::1', false],
  ];
  for (const [cidr, address, expected] of contains) test(`${cidr} ${expected ? 'covers' : 'does not cover'} ${address}`, () => assert.equal(cidrContains(cidr, address), expected));

  test('anywhere is prefix length 0 in either family', () => {
    assert.deepEqual(['0.0.0.0/0', '::/0', '0.0.0.0/1', '10.0.0.0/8'].map(isAnywhere), [true, true, false, false]);
  });

  test('within: subnet of the admin range, not the other way round', () => {
    assert.equal(cidrWithin('198.51.100.0/25', '198.51.100.0/24'), true);
    assert.equal(cidrWithin('198.51.0.0/16', '198.51.100.0/24'), false);
    assert.equal(cidrWithin('::/0', '0.0.0.0/0'), false);
  });

  test('a host inside a CIDR, past the addresses AWS reserves', () => {
    assert.equal(hostInCidr('198.51.100.0/24', 10), '198.51.100.10');
    assert.equal(hostInCidr('192.0.2.9/32', 10), '192.0.2.9');
  });

  test('address sets: subtracting every half leaves nothing; a hole stays described', () => {
    const all = AddressSet.everything('ipv4');
    assert.equal(all.minus('0.0.0.0/1').minus('128.0.0.0/1').isEmpty(), true);
    const holed = all.minus('10.0.0.0/8');
    assert.equal(holed.isEverything(), false);
    assert.equal(holed.describe(), '0.0.0.0-9.255.255.255, 11.0.0.0-255.255.255.255');
    assert.equal(holed.union(AddressSet.everything('ipv4').intersect('10.0.0.0/8')).isEverything(), true);
    assert.equal(AddressSet.everything('ipv6').minus('0.0.0.0/0').isEverything(), true);
  });

  test('address sets are equal when they hold the same addresses, however they were made', () => {
    const holed = AddressSet.everything('ipv4').minus('10.0.0.0/8');
    assert.equal(holed.equals(holed.minus('10.1.0.0/16')), true, 'removing what is not there changes nothing');
    assert.equal(holed.equals(AddressSet.everything('ipv4').minus('10.0.0.0/9').minus('10.128.0.0/9')), true);
    assert.equal(holed.equals(holed.minus('11.0.0.0/32')), false);
    assert.equal(AddressSet.none('ipv4').equals(AddressSet.none('ipv6')), false, 'families differ');
  });
});
