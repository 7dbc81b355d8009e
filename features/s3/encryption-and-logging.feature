@domain:s3
Feature: S3 encryption at rest and server access logging
  Encryption options are SSE-S3 (AES-256), SSE-KMS, SSE-C and client-side encryption. Since January 2023
  S3 encrypts every new object with SSE-S3 by default (older notes said objects had to be re-copied with
  --sse; that is outdated). Server access logs are delivered to a different bucket, best effort: most
  records arrive within a few hours of the request (some may be later, or never); logging itself is free.

  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html
  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html

  @severity:medium
  Scenario: Every bucket encrypts new objects at rest by default
    Then every bucket has default encryption at rest

  @severity:low
  Scenario: Server access logs go to a different bucket
    Then every bucket delivers its server access logs to a different bucket
