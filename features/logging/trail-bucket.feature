@domain:logging @scope:organization
Feature: The CloudTrail bucket is private, HTTPS-only, keeps every log file and logs its own access
  The trail bucket holds the record of everything done in the organization, so it gets the strictest S3
  settings: Block Public Access, a policy that allows only CloudTrail's own delivery and denies plain
  HTTP, versioning with Object Lock (or MFA delete) so no one can remove a log file, and server access
  logs delivered to a different bucket. Object Lock can be turned on for an existing versioned bucket
  since November 2023 (older notes said only at creation).

  # source: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html

  @severity:critical
  Scenario: The CloudTrail bucket is not public
    Then the bucket of every trail has Block Public Access in effect and no public policy or ACL

  @severity:medium
  Scenario: The CloudTrail bucket denies plain HTTP
    Then the bucket policy of every trail denies requests where aws:SecureTransport is false

  @severity:high
  Scenario: The CloudTrail bucket keeps log files from deletion
    Then the bucket of every trail has versioning with Object Lock or MFA delete

  @cis:3.4 @severity:medium
  Scenario: The CloudTrail bucket logs its access to another bucket
    Then the bucket of every trail delivers server access logs to a different bucket
