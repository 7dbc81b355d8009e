"""Start moto server with one fix to its bucket-policy evaluation.

moto 5 takes a Bool condition on aws:SecureTransport as always met, so the usual HTTPS-only statement
(Deny s3:* when aws:SecureTransport is "false") refuses every object call. Requests to AWS arrive over
TLS, and the emulator stands in for that: here aws:SecureTransport is "true", and such a Deny does not
apply. Nothing else is changed.
"""
import sys

try:
    import moto.iam.access_control as access_control
    from moto.server import main
except ImportError as error:  # the launcher reports this as "moto is missing"
    sys.stderr.write(f"moto is not installed for {sys.executable}: {error}\n")
    sys.exit(3)

_original = access_control.IAMPolicyStatement.is_action_permitted


def _secure_transport_values(statement):
    bool_clause = (statement.get("Condition") or {}).get("Bool") or {}
    for key, value in bool_clause.items():
        if key.lower() == "aws:securetransport":
            return [str(v).lower() for v in (value if isinstance(value, list) else [value])]
    return None


def _is_action_permitted(self, action, resource="*", principal=None, incoming_condition_values=None):
    expected = _secure_transport_values(self._statement)
    if expected is not None and "true" not in expected:
        return access_control.PermissionResult.NEUTRAL  # the request is secure: the condition is not met
    return _original(self, action, resource, principal, incoming_condition_values)


access_control.IAMPolicyStatement.is_action_permitted = _is_action_permitted

if __name__ == "__main__":
    sys.exit(main())
