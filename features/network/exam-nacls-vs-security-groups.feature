@domain:network @exam
Feature: Network ACLs versus security groups (exam)
  A network ACL belongs to a subnet, a security group to an instance's network interface. The ACL is
  stateless and ordered: inbound and outbound rules are separate, a reply needs its own rule (the client's
  ephemeral ports, 1024-65535), the lowest-numbered matching rule decides and `*` denies the rest. The
  default ACL allows all traffic both ways; a new custom ACL denies everything until rules are added
  (notes that say "NACLs allow by default" are true of the default ACL only). A security group is
  stateful and only allows: replies pass on their own, the groups on an interface add up, and a group
  cannot deny. A new group has no inbound rules and allows all outbound traffic.

  Each scenario builds a public subnet in the sandbox account. The emulator stores ACLs and groups but
  does not filter packets, so the suite reads the configuration back and decides with its own path
  evaluator; the deciding hop is what AWS would drop the packet at.

  # source: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
  # source: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html

  @severity:low @established:evaluator
  Scenario: A network ACL is stateless: inbound 80 without the outbound ephemeral ports is blocked
    Given a public subnet with a new custom network ACL
    And the network ACL allows inbound tcp ports 80-80 from 0.0.0.0/0 as rule 100
    And an instance security group that allows tcp port 80 from 0.0.0.0/0
    When 203.0.113.7 connects to the instance on tcp port 80
    Then the connection is blocked at "network ACL egress rule *"
    When the network ACL allows outbound tcp ports 1024-65535 to 0.0.0.0/0 as rule 100
    And 203.0.113.7 connects to the instance on tcp port 80
    Then the connection is allowed

  @severity:low @established:evaluator
  Scenario: Network ACL rules are evaluated in order: deny 100 wins over allow 200
    Given a public subnet with a new custom network ACL
    And the network ACL denies inbound tcp ports 22-22 from 0.0.0.0/0 as rule 100
    And the network ACL allows inbound tcp ports 22-22 from 0.0.0.0/0 as rule 200
    And the network ACL allows outbound tcp ports 1024-65535 to 0.0.0.0/0 as rule 100
    And an instance security group that allows tcp port 22 from 0.0.0.0/0
    When 203.0.113.7 connects to the instance on tcp port 22
    Then the connection is blocked at "network ACL ingress rule 100"

  @severity:low @established:evaluator
  Scenario: A security group is stateful: the reply needs no outbound rule
    Given a public subnet with the default network ACL
    And an instance security group that allows tcp port 443 from 0.0.0.0/0 and has no outbound rules
    When 203.0.113.7 connects to the instance on tcp port 443
    Then the connection is allowed
    And the reply passed the security group because it is stateful

  @severity:low @established:evaluator
  Scenario: A security group cannot deny: another group on the instance still lets SSH in
    Given a public subnet with the default network ACL
    And an instance security group that allows tcp port 22 from 198.51.100.0/24
    And an instance security group that allows tcp port 22 from 0.0.0.0/0
    When 203.0.113.7 connects to the instance on tcp port 22
    Then the connection is allowed by the instance's security group number 2

  @severity:low @established:evaluator
  Scenario: A new custom network ACL denies everything
    Given a public subnet with a new custom network ACL
    And an instance security group that allows tcp port 80 from 0.0.0.0/0
    When 203.0.113.7 connects to the instance on tcp port 80
    Then the connection is blocked at "network ACL ingress rule *"

  @severity:low @established:evaluator
  Scenario: The default network ACL allows everything
    Given a public subnet with the default network ACL
    And an instance security group that allows tcp port 3389 from 0.0.0.0/0
    When 203.0.113.7 connects to the instance on tcp port 3389
    Then the connection is allowed
    And the network ACL let it in by rule "100"

  @severity:low @established:evaluator
  Scenario: A new security group lets nothing in and everything out
    Given a public subnet with the default network ACL
    And an instance security group with no rules added
    When 203.0.113.7 connects to the instance on tcp port 80
    Then the connection is blocked at "security group ingress"
    When the instance connects to 203.0.113.7 on tcp port 443
    Then the connection is allowed
