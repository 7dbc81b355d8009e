/** Small helpers for IAM-style policy JSON, shared by every domain's rules and evaluators (defined in the bottom layer). */
export { asArray, wildcardMatch } from '../model/policy-json';
