import { blockPublicSharing } from './block-public-sharing';
import { imageProvenance } from './image-provenance';
import { noPublicImages } from './no-public-images';
import { noPublicSnapshots } from './no-public-snapshots';

export const ec2Controls = { imageProvenance, noPublicImages, noPublicSnapshots, blockPublicSharing };
