/** A mistyped estate name (POSTURE_ESTATE): bad input, reported in one line. */
export class UnknownEstate extends Error {
  override name = 'UnknownEstate';
}
