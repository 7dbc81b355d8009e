import { accessAnalyzer } from './access-analyzer';
import { accessKeyRotation, oneActiveAccessKey } from './access-keys';
import { consoleUsersMfa } from './console-users-mfa';
import { effectivePermission } from './effective-permission';
import { instanceRoles } from './instance-roles';
import { noFullAdminPolicies } from './no-full-admin-policies';
import { passwordMinimumLength, passwordReusePrevention } from './password-policy';
import { permissionsThroughGroups } from './permissions-through-groups';
import { rootMfa } from './root-mfa';
import { rootNoAccessKeys } from './root-no-access-keys';
import { rootNotUsed } from './root-not-used';
import { serviceRoleLeastPrivilege } from './service-role-policies';
import { supportRole } from './support-role';
import { expiredServerCertificates } from './expired-server-certificates';
import { unusedCredentials } from './unused-credentials';

export const iamControls = {
  rootNoAccessKeys,
  rootMfa,
  rootNotUsed,
  passwordMinimumLength,
  passwordReusePrevention,
  consoleUsersMfa,
  unusedCredentials,
  oneActiveAccessKey,
  accessKeyRotation,
  permissionsThroughGroups,
  noFullAdminPolicies,
  supportRole,
  instanceRoles,
  expiredServerCertificates,
  accessAnalyzer,
  serviceRoleLeastPrivilege,
  effectivePermission,
};
