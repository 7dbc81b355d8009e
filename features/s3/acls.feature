@domain:s3
Feature: S3 access control lists
  ACLs predate bucket policies: a grant to the AllUsers group makes a bucket or an object public, and
  AuthenticatedUsers means anyone with any AWS account. s3fs mounted with default_acl=public-read writes
  every object with a public-read ACL. IgnorePublicAcls makes such grants ineffective, and Object
  Ownership "bucket owner enforced" disables ACLs altogether.

  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html

  @severity:high
  Scenario: No bucket or object ACL grants access to AllUsers or AuthenticatedUsers
    Then no bucket ACL or object ACL grants access to AllUsers or AuthenticatedUsers
