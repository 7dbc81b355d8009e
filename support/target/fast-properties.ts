/**
 * An SDK client builds its config by adding some seventy properties one after another, so V8 keeps it as
 * a hash table; the endpoint and (de)serialization middlewares copy it with `{ ...config }` on every call,
 * 20 µs each on a hash table against 2 µs on an object with a hidden class. V8 gives an object its hidden
 * class back, in place, once it serves as a prototype in a property look-up: the same object, so every
 * middleware already holding it sees the change. Only speed depends on this; meaning never does.
 */
export function withFastProperties<T extends object>(object: T): T {
  const heir = Object.create(object) as { region?: unknown };
  // A function gets inline caches only after a few calls (8 in V8 today), and a cache's first look-up
  // only initialises it; the ones after reshape the prototype.
  for (let lookup = 0; lookup < 32; lookup++) readRegion(heir);
  return object;
}

function readRegion(object: { region?: unknown }): unknown {
  return object.region;
}
