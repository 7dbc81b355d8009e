@domain:network
Feature: Network ACLs keep remote administration closed to the internet
  A network ACL filters every packet entering or leaving a subnet. It is stateless: a reply is a packet of
  its own and needs a rule in the other direction, so a subnet that serves anything needs a return-traffic
  rule for the clients' ephemeral ports (1024-65535). Entries are evaluated in ascending rule number and
  the first match decides; the final `*` rule denies. That return-traffic range also covers 3389 (RDP),
  so a compliant ACL denies 3389 from anywhere with a lower rule number than the broad allow.

  "Effectively" matters: an allow for 22 from 0.0.0.0/0 numbered after a deny for the same traffic is
  never reached and admits nothing, so it is not a finding; an allow that some address still reaches is.

  Every ACL counts, associated or not. The default ACL of every VPC allows all traffic in and out (22 and
  3389 from 0.0.0.0/0 included) and cannot be deleted; the reference estate empties the default ACLs of
  every VPC in the audited regions, so a subnet that falls back to one fails closed (hardening the default
  VPC in place rather than deleting it, which other teams' tooling may still expect).

  # source: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
  # source: CIS AWS Foundations Benchmark v5.0.0, 5.2

  @cis:5.2 @severity:high
  Scenario: No network ACL effectively admits SSH or RDP from anywhere
    Then no network ACL admits TCP or UDP port 22 or 3389 from 0.0.0.0/0 or ::/0 past its earlier rules
