import type { EstatePart } from '../estate';
import { s3Demo } from './s3';
import { proxyDemo } from './proxy';

/** The estate as popular tutorials leave it. */
export const demoEstate: readonly EstatePart[] = [s3Demo, proxyDemo];
