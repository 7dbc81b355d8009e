@domain:logging @scope:organization
Feature: One organization trail records every account and every region
  An organization trail is created once, in the management account (or by a delegated administrator), and
  records the API activity of every member account in every region into one S3 bucket (optionally
  CloudWatch Logs). Members need no trails of their own: they see the organization trail in
  describe-trails and cannot change, stop or delete it. A multi-region trail also shows up in every other
  region as a "shadow" trail; global service events (IAM, STS, CloudFront) are recorded once, through it.
  Management events (creating a bucket, launching an instance) are recorded by default; data events
  (S3 object reads and writes, Lambda invocations) only when selected.

  # source: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
  # source: CIS AWS Foundations Benchmark v5.0.0, 3.1

  @cis:3.1 @severity:high
  Scenario: An organization trail logs every region of the organization
    Then an organization trail that is multi-region, records global service events and is logging is seen in every audited region

  @severity:high
  Scenario: Every member account sees the organization trail
    Then every ACTIVE member account of the organization sees the organization trail

  @severity:high
  Scenario: No member account can stop or delete the organization trail
    Then the service control policies deny a member administrator cloudtrail:StopLogging and cloudtrail:DeleteTrail on the organization trail

  @cis:3.2 @severity:medium
  Scenario: CloudTrail log file validation is on
    Then every trail has log file validation enabled
