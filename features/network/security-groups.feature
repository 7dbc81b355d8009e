@domain:network
Feature: Security groups admit remote administration only from known addresses
  A security group is attached to an instance's network interface. Its rules only allow: the groups on an
  interface admit the union of their rules, and no group can deny what another allows. It is stateful: a
  reply to an allowed connection passes without a rule of its own. A new group has no inbound rules and
  allows all outbound traffic (it lets nothing in, not nothing through).

  Every VPC has a default group that instances land in when none is chosen. AWS creates it allowing all
  traffic from its own members and all traffic out; CIS 5.5 wants it empty, so that forgetting to choose a
  group fails closed.

  Beyond CIS, the tiers of the posture config (network.tiers) hold their groups to the layout: a public
  tier opens only network.publicPorts to everyone, SSH/RDP come only from network.adminCidrs, and a tier
  with reachableFrom (the db tier) admits only those tiers' security groups, by group reference rather
  than by an address range that any future instance could fall into.

  A group is judged by the union of its rules, as AWS applies it: 0.0.0.0/1 plus 128.0.0.0/1, 0.0.0.0/0
  written as /8 blocks, or a prefix list holding such blocks are the whole internet just as 0.0.0.0/0 is.
  Private and reserved ranges (10/8, 172.16/12, 192.168/16, 100.64/10, 127/8, 169.254/16, multicast and
  reserved space; for IPv6 all but 2000::/3) do not count as the internet.

  # source: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
  # source: CIS AWS Foundations Benchmark v5.0.0, 5.3–5.5

  @cis:5.3 @severity:critical
  Scenario: No security group admits SSH or RDP from 0.0.0.0/0
    Then no security group admits port 22 or 3389 from 0.0.0.0/0

  @cis:5.4 @severity:critical
  Scenario: No security group admits SSH or RDP from ::/0
    Then no security group admits port 22 or 3389 from ::/0

  @cis:5.1.2 @severity:critical
  Scenario: No security group admits CIFS (445) from the internet
    Then no security group admits port 445 from the IPv4 or IPv6 internet

  @severity:high
  Scenario: No security group admits all ports or a high-risk port from the internet
    Then no security group admits all ports, or any port of network.highRiskPorts, from the IPv4 or IPv6 internet

  @cis:5.5 @severity:medium
  Scenario: Every VPC's default security group allows no traffic
    Then the default security group of every VPC has no inbound and no outbound rules

  @severity:high
  Scenario: Tier security groups open only the public ports to everyone, SSH or RDP only to the admin CIDRs, and a tier only to the tiers it serves
    Then the security groups of every tier admit everyone only on the public ports of a public tier, SSH or RDP only from the admin CIDRs, and other tiers only as network.tiers allows
