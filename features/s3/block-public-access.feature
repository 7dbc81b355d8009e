@domain:s3
Feature: S3 Block Public Access
  Block Public Access has four settings, at the account (S3 Control) and on each bucket:
  BlockPublicAcls refuses new public ACLs, IgnorePublicAcls makes existing public ACLs ineffective,
  BlockPublicPolicy refuses public bucket policies, and RestrictPublicBuckets limits a public policy to
  AWS services and the owner's own principals. For each setting the more restrictive of the account
  and the bucket applies, so the account level protects every bucket, including future ones.

  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
  # source: CIS AWS Foundations Benchmark v5.0.0, 2.1.4

  @cis:2.1.4 @severity:high
  Scenario: Account-level Block Public Access has all four settings on
    Then the account's S3 Block Public Access has all four settings on

  @cis:2.1.4 @severity:critical
  Scenario: Every bucket blocks public access effectively
    Then every bucket has all four Block Public Access settings in effect
