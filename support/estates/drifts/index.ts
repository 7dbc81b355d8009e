import type { Drift } from '../estate';
import { s3Drifts } from './s3';

/** Every named drift; each breaks exactly the scenarios it lists. */
export const drifts: readonly Drift[] = [...s3Drifts];
