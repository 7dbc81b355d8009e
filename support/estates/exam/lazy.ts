/**
 * An @exam estate module, loaded the first time one of its scenarios runs. Step files hold posture and
 * @exam steps side by side; an audit never runs @exam, so it does not load what only @exam builds
 * (reference estates, the presigner, the scratch organization).
 */
export function loadedOnFirstUse<M>(load: () => M): () => M {
  let loaded: M | undefined;
  return () => (loaded ??= load());
}
