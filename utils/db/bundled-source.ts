import { CATALOG_FILE, type Catalog, CODESETS_PATH, type CatalogEntry } from '../codes/catalog-file';
import type { Asset } from '../codes/types';
import type { BundledSource } from './codeset-service';

/**
 * Bundled assets read from the extension's own package (`chrome-extension://<id>/codesets/...`):
 * a local file read, never a network request. Assets are gzipped; DecompressionStream inflates them
 * in the service worker.
 */
export function extensionBundledSource(getURL: (path: string) => string, fetchImpl: typeof fetch = fetch): BundledSource {
  const url = (file: string) => getURL(`/${CODESETS_PATH}/${file}`);
  return {
    async catalog(): Promise<Catalog> {
      const response = await fetchImpl(url(CATALOG_FILE));
      if (!response.ok) throw new Error(`The extension has no code-set catalog (${CATALOG_FILE}); it was built without code sets.`);
      const catalog = (await response.json()) as Catalog;
      if (catalog.format !== 'chartcode-catalog' || !Array.isArray(catalog.assets)) throw new Error('The bundled code-set catalog is not in the expected format.');
      return catalog;
    },
    async asset(entry: CatalogEntry): Promise<Asset> {
      const response = await fetchImpl(url(entry.file));
      if (!response.ok || !response.body) throw new Error(`Bundled code-set file ${entry.file} is missing from the extension.`);
      const inflated = new Response(response.body.pipeThrough(new DecompressionStream('gzip')));
      return (await inflated.json()) as Asset;
    },
  };
}
