@domain:logging
Feature: CloudTrail log files are encrypted with a customer-managed KMS key that rotates
  CloudTrail encrypts log files with SSE-S3 by default. Naming a KMS key on the trail (SSE-KMS) adds a
  layer you control: reading a log then also needs kms:Decrypt on that key, and every use of the key is
  itself logged. The key policy must let cloudtrail.amazonaws.com generate data keys, and should let it do
  so only for this trail (aws:SourceArn or kms:EncryptionContext:aws:cloudtrail:arn). KMS offers
  AWS-managed and customer-managed keys and uses envelope encryption (a data key encrypted under the KMS
  key); automatic rotation is opt-in for customer-managed symmetric keys. CloudHSM is the single-tenant
  alternative (FIPS 140-2 Level 3) where you manage the keys yourself.

  # source: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
  # source: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html

  @cis:3.5 @severity:high @scope:organization
  Scenario: CloudTrail logs are encrypted with a customer-managed KMS key
    Then every trail encrypts its log files with an enabled customer-managed KMS key

  @severity:medium @scope:organization
  Scenario: The trail's KMS key lets CloudTrail encrypt only for this trail
    Then the key policy of every trail's KMS key lets cloudtrail.amazonaws.com encrypt only for that trail

  @cis:3.6 @severity:medium
  Scenario: Customer-managed KMS keys rotate automatically
    Then every enabled customer-managed symmetric KMS key has automatic rotation on
