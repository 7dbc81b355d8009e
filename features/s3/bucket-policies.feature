@domain:s3
Feature: S3 bucket policies
  With no bucket policy, access to a private object is implicitly denied. A static website bucket is
  often opened with Allow, Principal "*", s3:GetObject on arn:aws:s3:::<bucket>/* — a policy that lets
  anyone on the internet read every object. Serving the site through CloudFront with origin access
  control lets the bucket keep Block Public Access fully on and website hosting off. S3 also answers
  plain HTTP unless the bucket policy denies requests where aws:SecureTransport is false.

  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
  # source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html

  @severity:critical
  Scenario: No bucket policy grants access to everyone
    Then no bucket policy allows everyone, except the public websites in the posture config

  @cis:2.1.1 @severity:medium
  Scenario: Every bucket denies plain HTTP
    Then every bucket policy denies requests where aws:SecureTransport is false
