@domain:proxy
Feature: Squid forward proxy serves only its VPC
  Instances in private subnets often reach the internet through a Squid forward proxy on EC2. Squid
  reads http_access lines in order and the first match decides; when no line matches, the opposite of
  the last line's action applies, which is why a config ends with "http_access deny all". Squid 5.7
  skips an access line with no acl ("Access line contains no ACL's, skipping"), so a bare
  "http_access deny" is not a last line: after "http_access deny to_localhost" it leaves an open proxy.
  The stock file's localnet acl lists every private range (10/8, 172.16/12, 192.168/16, fc00::/7, fe80::/10; on
  Squid 5 also 0.0.0.1-0.255.255.255, 100.64/10 and 169.254/16), so it must be narrowed to the VPC CIDR.
  Squid adds Via and X-Forwarded-For unless told not to, and a squid.conf it cannot parse never takes
  effect: validate with "squid -k parse" before "squid -k reconfigure". The VPC CIDR is read from EC2
  (the VPC of the instance carrying the proxy tag); the sources Squid serves are computed exactly, by
  range arithmetic over every http_access line. Loopback is the proxy host itself and is left out.

  # source: seed study notes: Squid forward proxy on EC2 (acl localnet, http_access, header hiding)
  # source: https://www.squid-cache.org/Doc/config/http_access/

  @severity:high
  Scenario: Only the VPC CIDR can use the forward proxy
    Then the sources Squid serves are exactly the CIDR of the proxy's VPC

  @severity:medium
  Scenario: The proxy listens on its configured port and squid.conf is valid Squid syntax
    Then Squid listens on the port in the posture config and squid -k parse accepts the file

  @severity:medium
  Scenario: The proxy strips X-Forwarded-For and Via in both directions
    Then requests and replies through the proxy carry no X-Forwarded-For and no Via

  @severity:high
  Scenario: The proxy's security group admits its port only from the VPC CIDR
    Then the proxy's security groups admit its port only from the VPC CIDR
