@domain:s3 @exam
Feature: Presigned URLs (exam)
  `aws s3 presign s3://bucket/key --expires-in 3600` (or a presigner in an SDK) signs a GET for one
  object: S3 serves it to whoever holds the URL, while an anonymous request for the same private object
  is refused. With Signature Version 4 a presigned URL lives at most 7 days (604800 seconds). A URL
  signed with temporary credentials (an assumed role, an instance profile, STS) stops working when those
  credentials expire, even if its own expiry is later. The emulator does not enforce expiry: these two
  limits are AWS facts, shown here only as the presigner's refusal and as a sourced statement.

  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html
  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html
  # source: https://docs.aws.amazon.com/AmazonS3/API/sigv4-query-string-auth.html

  @severity:low
  Scenario: A private object refuses an anonymous GET and serves its presigned URL
    Given a bucket holding a private object, with no bucket policy
    When an anonymous client asks for the object
    Then S3 answers with HTTP status 403
    When the holder of a presigned URL for the object asks for it
    Then S3 answers with HTTP status 200

  @severity:low
  Scenario: A SigV4 presigned URL cannot outlive 7 days
    Given a bucket holding a private object, with no bucket policy
    Then the presigner signs a URL that expires in 604800 seconds
    And the presigner refuses a URL that expires in 604801 seconds
