@domain:iam
Feature: IAM Access Analyzer watches for access from outside
  IAM Access Analyzer is regional: an analyzer in each active region reports buckets, keys, roles and
  queues that a policy shares outside the account (or organization). External access findings are free.

  The emulator has no Access Analyzer service (its endpoint answers 404), so this scenario carries the
  tag emulator-gap: on an emulator it reports "not verified" (never passed) and the rule's table tests
  prove it; any target without the service is "not verified" too.

  # source: https://docs.aws.amazon.com/IAM/latest/UserGuide/what-is-access-analyzer.html
  # source: CIS AWS Foundations Benchmark v5.0.0, 1.19

  @cis:1.19 @severity:medium @emulator-gap
  Scenario: IAM Access Analyzer is enabled in every audited region
    Then an active IAM Access Analyzer analyzer exists in every audited region
