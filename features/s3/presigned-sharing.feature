@domain:s3
Feature: Objects shared by presigned URL
  A presigned URL carries its signer's credentials and an expiry in its query string: whoever holds it
  can do that one request until it expires, with the signer's permissions. It only limits sharing if the
  bucket is otherwise private: no public policy or ACL, and Block Public Access on.
  (s3.presignedSharingBuckets lists the buckets shared this way.)

  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html

  @severity:high
  Scenario: Buckets shared by presigned URL are otherwise private
    Then every bucket shared by presigned URL holds no public grant and blocks public access
