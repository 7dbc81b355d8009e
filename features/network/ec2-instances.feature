@domain:network
Feature: EC2 volumes are encrypted by default and instances require IMDSv2
  EBS encryption by default is a per-region account setting: once on, every new volume and every copy of a
  snapshot in that region is encrypted (with the default aws/ebs key or a chosen KMS key), however it is
  created. It does not encrypt existing volumes, and a region where it is off keeps creating plain ones.
  # source: https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html

  The instance metadata service (169.254.169.254) hands out the instance role's temporary credentials.
  IMDSv1 answers any GET; IMDSv2 first needs a session token from a PUT with a TTL header, which a
  server-side request forgery through a web application cannot send. HttpTokens required turns IMDSv1 off
  for an instance; the account-level default (modify-instance-metadata-defaults, per region) sets it for
  new launches.
  # source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html

  @cis:5.1.1 @severity:medium
  Scenario: EBS encryption by default is on in every audited region
    Then EBS encryption by default is on in every audited region

  @cis:5.7 @severity:high
  Scenario: Every EC2 instance requires IMDSv2
    Then every instance in the audited regions requires IMDSv2 session tokens, and so does the account default where one is set
