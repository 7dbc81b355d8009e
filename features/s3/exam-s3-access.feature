@domain:s3 @exam
Feature: How S3 decides an anonymous request (exam)
  An unsigned request is allowed only when a bucket policy or an ACL grants it to everyone; with neither,
  it is implicitly denied. Block Public Access overrides both: RestrictPublicBuckets neutralises a public
  policy and IgnorePublicAcls a public ACL. The emulator stores Block Public Access but does not enforce
  it, so the suite shows that part through its own access evaluator over the stored configuration.
  S3 is strongly consistent since December 2020: an object written is read back at once (older notes
  said S3 is eventually consistent, which is outdated).

  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
  # source: https://aws.amazon.com/s3/consistency/

  @severity:low @established:emulator
  Scenario: Without a bucket policy a private object is implicitly denied
    Given a bucket holding a private object, with no bucket policy
    When an anonymous client asks for the object
    Then S3 answers with HTTP status 403
    And the access evaluator decides denied by "implicit deny"

  @severity:low @established:emulator
  Scenario: A public-read bucket policy lets anyone read the objects
    Given a bucket whose policy allows everyone s3:GetObject on its objects
    When an anonymous client asks for the object
    Then S3 answers with HTTP status 200
    And the access evaluator decides allowed by "bucket policy"

  @severity:low @established:evaluator
  Scenario: IgnorePublicAcls makes a public-read object ACL ineffective
    Given an object uploaded with the public-read ACL, as s3fs with default_acl=public-read writes it
    When an anonymous client asks for the object
    Then S3 answers with HTTP status 200
    And the access evaluator decides allowed by "object ACL"
    When the bucket turns on IgnorePublicAcls
    Then the access evaluator decides denied by "implicit deny"
