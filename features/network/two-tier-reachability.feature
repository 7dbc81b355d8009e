@domain:network
Feature: The two-tier layout, evaluated as real traffic
  Whether a packet gets through is not a grep for 0.0.0.0/0. A connection from the internet needs an
  internet gateway route in the subnet's route table (a route routes, it does not filter), a public
  address on the instance, the subnet's network ACL allowing the packet in and the reply out (NACLs are
  stateless), and a security group rule allowing it in (the reply is free: security groups are stateful).
  A subnet without its own route table association uses the VPC's main route table. Private subnets
  have no route to an internet gateway; they reach out through a NAT gateway that sits in a public subnet
  with an Elastic IP, and nothing from the internet can start a connection through it.

  The tiers are found as the posture config says (network.tiers: by tag or by name); a tier is its
  running instances, or, with none, an instance as it would be launched into each tier subnet. "An admin
  address" is an address in network.adminCidrs; "the internet" is 203.0.113.7, standing for any address
  outside them, and "the IPv6 internet" is 2001:db8::7 (the layout has no IPv6 route or address, so
  nothing arrives over IPv6). A reply goes back to the client's ephemeral port 49152. A failing row names
  the hop that decided: the route table, the ACL rule (by number, or `*`), or the security group.

  # source: https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Scenario2.html
  # source: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html

  @severity:high
  Scenario Outline: Reachability: <source> to <target> on <protocol> port <port> is <verdict>
    Then a connection from <source> to <target> on <protocol> port <port> is <verdict>

    Examples:
      | source            | target       | protocol | port | verdict |
      | the internet      | the web tier | tcp      | 80   | allowed |
      | the internet      | the web tier | tcp      | 443  | allowed |
      | an admin address  | the web tier | tcp      | 22   | allowed |
      | the internet      | the web tier | tcp      | 22   | blocked |
      | the internet      | the web tier | tcp      | 3389 | blocked |
      | the IPv6 internet | the web tier | tcp      | 443  | blocked |
      | the web tier      | the db tier  | tcp      | 3306 | allowed |
      | the internet      | the db tier  | tcp      | 3306 | blocked |
      | an admin address  | the db tier  | tcp      | 22   | blocked |
      | the web tier      | the db tier  | tcp      | 22   | blocked |
      | the db tier       | the internet | tcp      | 443  | allowed |

  @severity:high
  Scenario: Private-tier subnets reach the internet only through a NAT gateway in a public subnet
    Then no private-tier subnet routes to an internet gateway, and each sends internet traffic to a NAT gateway in a public subnet
