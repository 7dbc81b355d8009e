import type { EstatePart } from '../estate';
import { s3Reference } from './s3';

/** The compliant landing zone: every scenario passes on it. Order matters (organization first). */
export const referenceEstate: readonly EstatePart[] = [s3Reference];
