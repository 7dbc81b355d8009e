@domain:iam
Feature: Permissions through groups and roles, never more than needed
  Attach policies to groups (administrators, developers, infrastructure) and put users in groups. AWS's
  AdministratorAccess on an administrators group is the audited way to give full access; a customer
  policy allowing "*" on "*" is not, whatever condition it carries (MFA or a source IP says when, not what).
  Expired server certificates (IAM stores them for load balancers and CloudFront where ACM is not used)
  are deleted, so none is deployed by mistake. A role holding AWSSupportAccess lets named people work with AWS
  Support without the root user. Programs on EC2 use an instance role, not access keys stored on the
  server. A Lambda function, Glue job or instance role gets what its workload uses, not an AWS
  *FullAccess policy (pairs listed in iam.acceptedServiceRolePolicies are accepted).

  # source: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html
  # source: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html

  @cis:1.14 @severity:low
  Scenario: Users receive permissions only through groups
    Then no user has a managed or inline policy of its own

  @cis:1.15 @severity:high
  Scenario: No customer policy grants full "*:*" administrative privileges
    Then no attached customer policy or inline policy allows every action on every resource

  @cis:1.16 @severity:low
  Scenario: A support role exists for AWS Support incidents
    Then a role holds the AWSSupportAccess policy

  @cis:1.18 @severity:medium
  Scenario: No expired SSL/TLS server certificate is stored in IAM
    Then no server certificate stored in IAM has expired

  @cis:1.17 @severity:medium
  Scenario: Instances reach AWS through instance roles
    Then every instance in the audited regions carries an instance profile

  @severity:high
  Scenario: Lambda, Glue and EC2 service roles hold no AWS full-access managed policy
    Then no Lambda, Glue or EC2 service role holds an AWS full-access policy, except those accepted in the posture config
