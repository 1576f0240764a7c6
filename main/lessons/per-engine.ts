/**
 * One instance per engine connection, keyed by the EngineManager object: the lesson registers
 * (own activity, shell commands) are shared by the handlers that fill them and the tracker that
 * reads them, and go away with the connection (a WeakMap holds no engine alive).
 */
export function perEngine<T>(make: () => T): (engine: object) => T {
  const registry = new WeakMap<object, T>();
  return (engine) => {
    let value = registry.get(engine);
    if (value === undefined) {
      value = make();
      registry.set(engine, value);
    }
    return value;
  };
}
