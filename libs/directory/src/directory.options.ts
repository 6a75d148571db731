/** How a service names its directory copy; the defaults are the collections the catalogue, contracts and projects use. */
export interface DirectoryOptions {
  /** Prefix of the mongoose model names, e.g. `Directory` → `DirectoryOrganization`. */
  modelPrefix?: string;
  /** Prefix of the collection names, e.g. `directory` → `directory_organizations`. */
  collectionPrefix?: string;
  /**
   * Tokens (e.g. a service's own `OrganizationDirectory` port) to provide as aliases of the lookup, so the service's
   * code can keep depending on its port.
   */
  provideAs?: ReadonlyArray<abstract new (...args: never[]) => unknown>;
}

export const DIRECTORY_OPTIONS = Symbol('DIRECTORY_OPTIONS');

export type ResolvedDirectoryOptions = Required<Pick<DirectoryOptions, 'modelPrefix' | 'collectionPrefix'>>;

export function resolveDirectoryOptions(options: DirectoryOptions = {}): ResolvedDirectoryOptions {
  return { modelPrefix: options.modelPrefix ?? 'Directory', collectionPrefix: options.collectionPrefix ?? 'directory' };
}
