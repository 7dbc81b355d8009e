@domain:proxy
Feature: The audited squid.conf on a real Squid
  A model of Squid can be wrong; Squid itself cannot. The suite starts Squid 5 on the audited file,
  changed only in its listening address and in what a temporary run needs (pid file, logs, core dumps
  and netdb in a temporary directory, a one-second shutdown), with a local origin server and clients in
  network namespaces of their own: one address inside the VPC CIDR, one outside it, and one in each
  range the evaluator finds served beyond the VPC. Squid answers a refused client with 403 Forbidden.
  Each client also tries a few requests (port and method: GET, CONNECT, another method) for every answer
  the evaluator gives it, so a port or method on which Squid and the model disagree is a failure naming
  both; an outside client must get 403 on every one of them.
  This needs root, iproute2 and the squid binary; on a machine without them the scenario reports "not
  verified" with the reason, never a pass.

  # source: https://www.squid-cache.org/Doc/config/
  # source: seed study notes: squid -k parse / squid -k reconfigure after editing squid.conf

  @severity:high @real-squid
  Scenario: A real Squid on the audited config serves the VPC, refuses other clients and hides them from the origin
    Then a real Squid running the audited squid.conf serves a client inside the VPC CIDR and answers 403 to clients outside it
